package dev.qctl.exec;

/** A command could not be started or its transport failed (not: the command exited non-zero). */
public class ExecException extends RuntimeException {
    public ExecException(String message, Throwable cause) {
        super(message, cause);
    }

    public ExecException(String message) {
        super(message);
    }
}
