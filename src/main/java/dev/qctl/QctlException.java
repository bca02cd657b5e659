package dev.qctl;

/**
 * An error qctl reports to the user as one line, with the exit code that classifies it.
 * Anything else that escapes is a bug and is reported as such.
 */
public class QctlException extends RuntimeException {
    private final ExitCode exitCode;

    public QctlException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public QctlException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
