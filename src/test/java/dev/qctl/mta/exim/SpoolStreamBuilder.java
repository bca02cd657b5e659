package dev.qctl.mta.exim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Writes hand-made output of the spool script (the M/H/J/L/./E line protocol). */
final class SpoolStreamBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static SpoolStreamBuilder stream() {
        return new SpoolStreamBuilder();
    }

    /** A message whose -H file is read completely; its ls size is its real size. */
    SpoolStreamBuilder message(String path, byte[] headerFile, long dataSize, String... msglog) {
        return message(path, headerFile.length, dataSize, headerFile, msglog);
    }

    SpoolStreamBuilder message(String path, long headerSize, long dataSize, byte[] headerFile, String... msglog) {
        line("M " + path + " " + (headerSize < 0 ? "-" : headerSize) + " " + (dataSize < 0 ? "-" : dataSize));
        if (headerFile == null) {
            line("V");
        } else {
            line("H");
            contentLines(headerFile);
        }
        if (msglog.length > 0) {
            line("L");
            for (String l : msglog) {
                line("." + l);
            }
        }
        return this;
    }

    SpoolStreamBuilder journal(String... addresses) {
        line("J");
        for (String a : addresses) {
            line("." + a);
        }
        return this;
    }

    SpoolStreamBuilder raw(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    SpoolStreamBuilder end(int status) {
        return line("E " + status);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    InputStream input() {
        return new ByteArrayInputStream(bytes());
    }

    /** What awk prints for a file: each line with '.' in front, a newline after the last even if it had none. */
    private void contentLines(byte[] file) {
        int start = 0;
        for (int i = 0; i <= file.length; i++) {
            if (i == file.length && start == file.length) {
                break;
            }
            if (i == file.length || file[i] == '\n') {
                out.write('.');
                out.write(file, start, i - start);
                out.write('\n');
                start = i + 1;
            }
        }
    }

    private SpoolStreamBuilder line(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        return this;
    }
}
