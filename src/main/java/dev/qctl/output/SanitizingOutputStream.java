package dev.qctl.output;

import dev.qctl.model.Sanitizer;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes message text to a terminal line by line through {@link Sanitizer#multiline}, so escape
 * sequences in a header or body are shown, not obeyed. Lines longer than the buffer are passed
 * on in pieces cut at a UTF-8 character boundary: memory stays bounded for any message.
 */
public final class SanitizingOutputStream extends FilterOutputStream {
    private static final int MAX_PENDING = 64 * 1024;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public SanitizingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            emit(line.size());
        } else if (line.size() >= MAX_PENDING) {
            emit(characterBoundary());
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public void flush() throws IOException {
        emit(characterBoundary());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        emit(line.size());
        out.flush();
    }

    /** How many pending bytes end on a whole UTF-8 character. */
    private int characterBoundary() {
        byte[] bytes = line.toByteArray();
        int end = bytes.length;
        int back = 0;
        while (end > 0 && back < 3 && (bytes[end - 1] & 0xC0) == 0x80) {
            end--;
            back++;
        }
        if (end > 0 && (bytes[end - 1] & 0xC0) == 0xC0) {
            int need = (bytes[end - 1] & 0xE0) == 0xC0 ? 1 : (bytes[end - 1] & 0xF0) == 0xE0 ? 2 : 3;
            if (back < need) {
                return end - 1;
            }
            return bytes.length;
        }
        return bytes.length;
    }

    private void emit(int count) throws IOException {
        if (count <= 0) {
            return;
        }
        byte[] bytes = line.toByteArray();
        String text = new String(bytes, 0, count, StandardCharsets.UTF_8);
        out.write(Sanitizer.multiline(text).getBytes(StandardCharsets.UTF_8));
        line.reset();
        line.write(bytes, count, bytes.length - count);
    }
}
