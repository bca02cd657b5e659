package dev.qctl.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Runs commands on one target: this machine, or a host over SSH. */
public interface Transport extends AutoCloseable {

    /** The name of the target, as records carry it ("local" for this machine). */
    String target();

    RunningCommand start(Command command);

    /** Runs a command with the given stdin (may be null) and collects everything it prints. */
    default CommandResult run(Command command, byte[] stdin) {
        try (RunningCommand running = start(command)) {
            // Input is written on its own thread: a command that answers while it reads (cat,
            // postsuper -) would otherwise fill its output pipe and wait for us for ever.
            Thread writer = new Thread(() -> feed(running, stdin), "stdin-" + command.program());
            writer.setDaemon(true);
            writer.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream stdout = running.stdout()) {
                stdout.transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int exit = running.waitFor();
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new CommandResult(exit, out.toByteArray(), running.stderr());
        }
    }

    private static void feed(RunningCommand running, byte[] stdin) {
        try (OutputStream in = running.stdin()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // The command may exit without reading its input; its status tells what happened.
        }
    }

    default CommandResult run(Command command) {
        return run(command, null);
    }

    /** Connects and authenticates now, where the transport has a connection (SSH); else nothing. */
    default void connect() {
    }

    /** Whether the target is another machine (so a failure may be the connection's, not the MTA's). */
    default boolean remote() {
        return false;
    }

    /** Whether an executable file exists at this absolute path on the target. */
    boolean isExecutable(String path);

    /**
     * Forgets a failure and a dead connection, so the next command connects again (a long-running
     * {@code metrics --listen} must not keep a host down after one failed scrape).
     */
    default void reset() {
    }

    @Override
    default void close() {
    }
}
