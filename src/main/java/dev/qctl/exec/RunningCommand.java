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

    /** What the command wrote to stderr so far (complete after {@link #waitFor()}). */
    String stderr();

    /** Stops the command if it still runs (e.g. the reader needed only the first records). */
    @Override
    void close();
}
