package dev.qctl.exec;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A started command. Read {@link #stdout()} as a stream (it is never buffered whole), then
 * {@link #waitFor()}; stderr is collected in the background (bounded) for error messages.
 */
public interface RunningCommand extends AutoCloseable {
    InputStream stdout();

    /** The command's standard input; close it to signal end of input. */
    OutputStream stdin();

    /** Waits for the exit status. */
    int waitFor();

    /**
     * Hands every line the command writes to stderr to {@code lines} as it arrives, uncapped (the
     * lines written before this call too); {@link #waitFor()} returns only after the last one.
     * For commands that report per message on stderr.
     */
    void onStderrLine(java.util.function.Consumer<String> lines);

    /** What the command wrote to stderr so far (complete after {@link #waitFor()}; capped). */
    String stderr();

    /** Stops the command if it still runs (e.g. the reader needed only the first records). */
    @Override
    void close();
}
