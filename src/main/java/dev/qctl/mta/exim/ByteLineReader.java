package dev.qctl.mta.exim;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads '\n'-terminated lines as raw bytes: spool files hold lengths in bytes and may hold any
 * byte, so no charset decoding happens here. Memory is one line at a time.
 */
final class ByteLineReader {
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private byte[] line = new byte[256];
    private boolean lastHadNewline = true;

    ByteLineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its '\n', or null at the end of the stream. */
    byte[] readLine() throws IOException {
        int length = 0;
        while (true) {
            if (start == end) {
                int n = in.read(buffer);
                if (n <= 0) {
                    if (length == 0) {
                        return null;
                    }
                    lastHadNewline = false;
                    return Arrays.copyOf(line, length);
                }
                start = 0;
                end = n;
            }
            int newline = start;
            while (newline < end && buffer[newline] != '\n') {
                newline++;
            }
            int chunk = newline - start;
            if (length + chunk > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
            }
            System.arraycopy(buffer, start, line, length, chunk);
            length += chunk;
            if (newline < end) {
                start = newline + 1;
                lastHadNewline = true;
                return Arrays.copyOf(line, length);
            }
            start = end;
        }
    }

    /** Whether the line last returned ended with '\n' (false: the stream was cut in the middle of it). */
    boolean lastHadNewline() {
        return lastHadNewline;
    }
}
