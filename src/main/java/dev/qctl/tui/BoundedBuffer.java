package dev.qctl.tui;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first {@code limit} bytes written and counts the rest, so a huge message costs bounded memory. */
final class BoundedBuffer extends OutputStream {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final long limit;
    private long dropped;

    BoundedBuffer(long limit) {
        this.limit = limit;
    }

    @Override
    public void write(int b) {
        if (kept.size() < limit) {
            kept.write(b);
        } else {
            dropped++;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        int room = (int) Math.max(0, Math.min(len, limit - kept.size()));
        kept.write(b, off, room);
        dropped += len - room;
    }

    long dropped() {
        return dropped;
    }

    String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }
}
