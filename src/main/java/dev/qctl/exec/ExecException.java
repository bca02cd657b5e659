package dev.qctl.exec;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;

/**
 * A command could not be started or its transport failed (not: the command exited non-zero): the
 * target is unavailable (exit 4) unless a subclass says otherwise.
 */
public class ExecException extends QctlException {
    public ExecException(String message, Throwable cause) {
        super(ExitCode.UNAVAILABLE, message, cause);
    }

    public ExecException(String message) {
        super(ExitCode.UNAVAILABLE, message);
    }

    protected ExecException(ExitCode code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /** Whether the failure was a refusal (exit 5: permission) rather than something unavailable (exit 4). */
    public boolean permissionDenied() {
        return exitCode() == ExitCode.PERMISSION;
    }
}
