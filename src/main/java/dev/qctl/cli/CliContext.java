package dev.qctl.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * What a command may touch of the outside world, handed in so tests can run commands in-process
 * with their own streams, environment and clock.
 */
public record CliContext(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, Clock clock) {

    public static CliContext system() {
        // Our own buffered UTF-8 stdout: whatever the locale, and without a flush per line.
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        return new CliContext(out, err, System.in, System.getenv(), Clock.systemUTC());
    }

    /** A warning for the user on stderr, one line. */
    public void warn(String message) {
        synchronized (err) {
            err.println("qctl: warning: " + message);
        }
    }
}
