package dev.qctl.config;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;

/** The config file (or a -H value) is wrong: one line naming the file, line, column and the problem. */
public class ConfigException extends QctlException {
    public ConfigException(String message) {
        super(ExitCode.USAGE, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(ExitCode.USAGE, message, cause);
    }
}
