package dev.qctl.exec.ssh;

import dev.qctl.exec.ExecException;

/** A host could not be used: the reason tells the CLI how to classify and explain it. */
public class SshConnectionException extends ExecException {
    public enum Reason {
        /** Refused, unresolvable, no route, or no answer within the connect deadline. */
        UNREACHABLE,
        HOST_KEY_UNKNOWN,
        HOST_KEY_CHANGED,
        /** A known_hosts file marks the key (or its certificate authority) @revoked. */
        HOST_KEY_REVOKED,
        AUTHENTICATION,
        /** The connection broke after it was established (exit status never arrived). */
        DISCONNECTED,
        /** A remote command ran longer than the command timeout. */
        COMMAND_TIMEOUT
    }

    private final Reason reason;

    public SshConnectionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public SshConnectionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
