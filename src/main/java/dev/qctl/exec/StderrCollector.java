package dev.qctl.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a process's stderr on a daemon thread so the process never blocks on a full pipe, keeping
 * at most {@link #LIMIT} bytes: enough for error messages, bounded for a command that chatters.
 */
public final class StderrCollector {
    public static final int LIMIT = 256 * 1024;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Thread thread;

    public StderrCollector(InputStream stderr, String name) {
        thread = new Thread(() -> drain(stderr), "stderr-" + name);
        thread.setDaemon(true);
        thread.start();
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
                }
            }
        } catch (IOException e) {
            // The process went away; what was read is what there is.
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
