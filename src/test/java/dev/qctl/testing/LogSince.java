package dev.qctl.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The lines a log file got after a moment: what a test's own actions wrote. The sandbox's logs live
 * as long as the machine (a gigabyte after benchmarks), and their old lines can look like the test's
 * (a source port or a short queue ID used again). From the file's start when it shrank meanwhile
 * (trimmed or rotated).
 */
public final class LogSince {
    private final Path file;
    private final long start;

    private LogSince(Path file, long start) {
        this.file = file;
        this.start = start;
    }

    /** From the log's current end on (a log that does not exist yet: from its start). */
    public static LogSince now(Path file) {
        try {
            return new LogSince(file, Files.exists(file) ? Files.size(file) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> lines() {
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long from = start <= log.length() ? start : 0;
            log.seek(from);
            byte[] rest = new byte[Math.toIntExact(log.length() - from)];
            log.readFully(rest);
            return new String(rest, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
