package dev.qctl.queue;

import dev.qctl.ExitCode;

/**
 * What a task gave on one host: its value, or the one-line error that stopped it there.
 *
 * @param code how the failure classifies (null when the host succeeded)
 */
public record HostResult<T>(String host, T value, String error, ExitCode code) {
    public static <T> HostResult<T> ok(String host, T value) {
        return new HostResult<>(host, value, null, null);
    }

    public static <T> HostResult<T> failed(String host, String error, ExitCode code) {
        return new HostResult<>(host, null, error, code);
    }

    public boolean ok() {
        return error == null;
    }
}
