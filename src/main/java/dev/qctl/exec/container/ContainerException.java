package dev.qctl.exec.container;

import dev.qctl.ExitCode;

import dev.qctl.exec.ExecException;

/** The container runtime, not the MTA, failed: the reason tells the CLI which exit code it is. */
public final class ContainerException extends ExecException {
    public enum Reason {
        /** No docker/podman/kubectl on the host. */
        NOT_INSTALLED,
        /** The daemon (or the cluster's API server) does not answer. */
        DAEMON_UNREACHABLE,
        NO_SUCH_CONTAINER,
        /** The container exists but does not run (stopped, paused, restarting; a finished pod). */
        NOT_RUNNING,
        /** The container runs, but the MTA's command is not in it (another container of the stack?). */
        COMMAND_MISSING,
        /** The runtime refused us: the docker socket, RBAC, or sudo for the runtime. */
        PERMISSION
    }

    private final Reason reason;

    public ContainerException(Reason reason, String message) {
        super(reason == Reason.PERMISSION ? ExitCode.PERMISSION : ExitCode.UNAVAILABLE, message, null);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

}
