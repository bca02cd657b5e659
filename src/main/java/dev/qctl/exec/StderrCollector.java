package dev.qctl.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Drains a process's stderr on a daemon thread so the process never blocks on a full pipe. It keeps
 * at most {@link #LIMIT} bytes of text for error messages, and hands every line, uncapped, to a
 * listener as it arrives: an MTA that reports per message on stderr (postsuper) is read whole.
 */
public final class StderrCollector {
    public static final int LIMIT = 256 * 1024;
    /** How long the end of stderr is awaited once the process is gone (a grandchild may hold it open). */
    private static final long DRAIN_WAIT_MILLIS = 60_000;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<String> pending = new ArrayList<>();
    private final Thread thread;
    private Consumer<String> listener;
    private volatile boolean listened;

    public StderrCollector(InputStream stderr, String name) {
        thread = new Thread(() -> drain(stderr), "stderr-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Every line from now on, and the lines already read, go to {@code lines} (on the draining
     * thread, without the line break). Set it right after the start of the command.
     */
    public void onLine(Consumer<String> lines) {
        synchronized (buffer) {
            pending.forEach(lines);
            pending.clear();
            listener = lines;
        }
        listened = true;
    }

    /**
     * Once the process has ended: with a line listener, waits for every line (they may be outcomes
     * that must not be lost); without one, only briefly, for the error text.
     */
    public void processEnded() {
        if (listened) {
            awaitEnd();
        } else {
            text(true);
        }
    }

    private void drain(InputStream in) {
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                synchronized (buffer) {
                    int room = LIMIT - buffer.size();
                    if (room > 0) {
                        buffer.write(chunk, 0, Math.min(room, n));
                    }
                    split(chunk, n);
                }
            }
        } catch (IOException e) {
            // The process went away; what was read is what there is.
        } finally {
            synchronized (buffer) {
                if (line.size() > 0) {
                    deliver();
                }
            }
        }
    }

    private void split(byte[] chunk, int n) {
        for (int i = 0; i < n; i++) {
            if (chunk[i] == '\n') {
                deliver();
            } else if (line.size() < LIMIT) {
                line.write(chunk[i]);
            }
        }
    }

    private void deliver() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (listener != null) {
            listener.accept(text);
        } else if (pending.size() < 10_000) {
            pending.add(text); // before onLine(): kept for it (a command that chatters before is cut here)
        }
    }

    /** Waits until stderr has ended (every line delivered), for at most a minute. */
    public void awaitEnd() {
        try {
            thread.join(DRAIN_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String text(boolean waitForEnd) {
        if (waitForEnd) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
