package dev.qctl.mta;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Drops the first byte written if it is a newline: Postfix's {@code postcat -b} starts with the
 * blank line that separates headers from body, which is not part of the body.
 */
public final class SkipLeadingNewline extends FilterOutputStream {
    private boolean first = true;

    public SkipLeadingNewline(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (first) {
            first = false;
            if (b == '\n') {
                return;
            }
        }
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (first && len > 0) {
            write(b[off]);
            off++;
            len--;
        }
        out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        flush(); // the caller owns the underlying stream
    }
}
