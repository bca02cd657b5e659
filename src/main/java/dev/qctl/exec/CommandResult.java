package dev.qctl.exec;

import java.nio.charset.StandardCharsets;

/** The whole outcome of a small command whose output fits in memory. */
public record CommandResult(int exitCode, byte[] stdoutBytes, String stderr) {
    public String stdout() {
        return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    public boolean ok() {
        return exitCode == 0;
    }
}
