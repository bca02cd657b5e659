package dev.qctl.output;

import java.io.PrintStream;

/**
 * Flushes a stream of lines shortly after they are written, instead of after each one: a reader at
 * the other end of a pipe still sees every line within {@link #INTERVAL_MS}, but a listing of 100k
 * records costs a few hundred writes to the pipe, not 100k. Lines are written and flushed under the
 * stream's lock, so a reader never gets half a line from a flush. The flushing thread is a daemon
 * and ends after an interval with nothing to flush.
 */
final class LineFlusher {
    static final long INTERVAL_MS = 50;

    private final PrintStream out;
    private volatile boolean pending;
    private boolean running;

    LineFlusher(PrintStream out) {
        this.out = out;
    }

    /** A whole line went to the stream (under {@code synchronized (out)}). */
    void written() {
        pending = true;
        synchronized (this) {
            if (!running) {
                running = true;
                Thread t = new Thread(this::run, "qctl-line-flusher");
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private void run() {
        try {
            while (true) {
                Thread.sleep(INTERVAL_MS);
                synchronized (this) {
                    if (!pending) {
                        running = false;
                        return;
                    }
                    pending = false;
                }
                synchronized (out) {
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            synchronized (this) {
                running = false;
            }
            Thread.currentThread().interrupt();
        }
    }
}
