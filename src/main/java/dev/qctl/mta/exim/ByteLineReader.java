package dev.qctl.mta.exim;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads '\n'-terminated lines as raw bytes: spool files hold lengths in bytes and may hold any
 * byte, so no charset decoding happens here. A line is handed out as a view ({@link #array()},
 * {@link #offset()}, {@link #length()}) valid until the next call, so that most lines are never
 * copied; memory is one buffer and the longest line.
 */
final class ByteLineReader {
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private byte[] spill = new byte[256];
    private byte[] array;
    private int offset;
    private int length;

    ByteLineReader(InputStream in) {
        this.in = in;
    }

    /** Moves to the next line (its '\n' not included); false at the end of the stream. */
    boolean next() throws IOException {
        int spilled = 0;
        while (true) {
            if (start == end) {
                int n = in.read(buffer);
                if (n <= 0) {
                    if (spilled == 0) {
                        return false;
                    }
                    return view(spill, 0, spilled); // a last line without '\n'
                }
                start = 0;
                end = n;
            }
            int newline = start;
            while (newline < end && buffer[newline] != '\n') {
                newline++;
            }
            if (newline < end && spilled == 0) { // the whole line is in the buffer: no copy
                int from = start;
                start = newline + 1;
                return view(buffer, from, newline - from);
            }
            int chunk = newline - start;
            if (spilled + chunk > spill.length) {
                spill = Arrays.copyOf(spill, Math.max(spill.length * 2, spilled + chunk));
            }
            System.arraycopy(buffer, start, spill, spilled, chunk);
            spilled += chunk;
            if (newline < end) {
                start = newline + 1;
                return view(spill, 0, spilled);
            }
            start = end;
        }
    }

    byte[] array() {
        return array;
    }

    int offset() {
        return offset;
    }

    int length() {
        return length;
    }

    /** The current line as a new array. */
    byte[] copy() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** The byte at position i of the current line. */
    byte at(int i) {
        return array[offset + i];
    }

    private boolean view(byte[] a, int from, int len) {
        array = a;
        offset = from;
        length = len;
        return true;
    }
}
