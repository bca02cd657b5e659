package dev.qctl.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * A command that is a local process (the MTA's tool itself, or the ssh or container client that
 * runs it elsewhere): its streams, and its stderr drained from the start. How it waits and ends is
 * the subclass's.
 */
public abstract class ProcessCommand implements RunningCommand {
    protected final Process process;
    protected final StderrCollector stderr;

    protected ProcessCommand(Process process, String name) {
        this.process = process;
        this.stderr = new StderrCollector(process.getErrorStream(), name);
    }

    @Override
    public final InputStream stdout() {
        return process.getInputStream();
    }

    @Override
    public final OutputStream stdin() {
        return process.getOutputStream();
    }

    @Override
    public final void onStderrLine(Consumer<String> lines) {
        stderr.onLine(lines);
    }

    @Override
    public final String stderr() {
        return stderr.text(!process.isAlive());
    }

    /** Closes the process's stdin, which it may have closed already. */
    protected final void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
