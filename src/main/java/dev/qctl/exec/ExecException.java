package dev.qctl.exec;

/** A command could not be started or its transport failed (not: the command exited non-zero). */
public class ExecException extends RuntimeException {
    public ExecException(String message, Throwable cause) {
        super(message, cause);
    }

    public ExecException(String message) {
        super(message);
    }

    /** Whether the failure was a refusal (exit 5: permission) rather than something unavailable (exit 4). */
    public boolean permissionDenied() {
        return false;
    }
}
