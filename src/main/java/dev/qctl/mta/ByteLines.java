package dev.qctl.mta;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The lines of a byte stream, one at a time, in one reused buffer: a parser reads each line's bytes
 * where they are, without decoding them into a String first. Lines end as
 * {@link java.io.BufferedReader#readLine()} ends them: at {@code \n}, {@code \r} or {@code \r\n}.
 * The buffer grows to the longest line (a message with thousands of recipients), never to the input.
 */
public final class ByteLines {
    private final InputStream in;
    private byte[] buffer;
    private int start;
    private int end;
    private int lineStart;
    private int lineEnd;
    private boolean eof;
    private boolean skipLf;

    public ByteLines(InputStream in) {
        this(in, 64 * 1024);
    }

    ByteLines(InputStream in, int size) {
        this.in = in;
        this.buffer = new byte[size];
    }

    /** Moves to the next line; false at the end of the input. */
    public boolean next() {
        if (skipLf) {
            // The \n of a \r\n after the last line: one line end, not two.
            if (start == end && !eof) {
                fill();
            }
            skipLf = false;
            if (start < end && buffer[start] == '\n') {
                start++;
            }
        }
        int i = start;
        while (true) {
            byte[] b = buffer;
            int n = end;
            while (i < n && b[i] != '\n' && b[i] != '\r') {
                i++;
            }
            if (i < n) {
                lineStart = start;
                lineEnd = i;
                start = i + 1;
                skipLf = b[i] == '\r';
                return true;
            }
            if (eof) {
                if (start < end) {
                    lineStart = start;
                    lineEnd = end;
                    start = end;
                    return true;
                }
                return false;
            }
            int scanned = i - start;
            fill();
            i = start + scanned;
        }
    }

    /** Reads more input after what is left, moving the rest of a line to the front (or growing the buffer). */
    private void fill() {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        } else if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        try {
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The buffer holding the current line (valid until the next call of {@link #next()}). */
    public byte[] buffer() {
        return buffer;
    }

    public int offset() {
        return lineStart;
    }

    public int length() {
        return lineEnd - lineStart;
    }

    /** True when the current line holds nothing but ASCII white space. */
    public boolean blank() {
        for (int i = lineStart; i < lineEnd; i++) {
            byte b = buffer[i];
            if (b < 0 || !Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}
