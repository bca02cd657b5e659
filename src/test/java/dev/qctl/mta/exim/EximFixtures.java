package dev.qctl.mta.exim;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Recorded real Exim output under src/test/resources/exim/ (see its README.md): spool trees, the
 * spool script's output on them, and Exim's own views of the same messages.
 */
final class EximFixtures {
    /** Exim 4.96, split_spool_directory, ACL variables, DSN, deleted headers, UTF-8, frozen, fresh. */
    static final String SPLIT = "split-4.96";
    /** The project sandbox's seeded queue, Exim 4.96, flat spool. */
    static final String SANDBOX = "sandbox-4.96";

    private EximFixtures() {
    }

    static Path dir(String fixture) {
        URL url = EximFixtures.class.getResource("/exim/" + fixture);
        if (url == null) {
            throw new IllegalStateException("missing test fixture exim/" + fixture);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String fixture, String file) {
        try {
            return Files.readAllBytes(dir(fixture).resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String fixture, String file) {
        return new String(bytes(fixture, file), StandardCharsets.UTF_8);
    }

    static InputStream stream(String fixture, String file) {
        try {
            return Files.newInputStream(dir(fixture).resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ID -> $message_size} as {@code exim -be -Mset ID '$message_size'} printed it. */
    static Map<String, Long> messageSizes(String fixture) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String line : text(fixture, "message-size.txt").split("\n")) {
            if (!line.isBlank()) {
                String[] parts = line.trim().split(" ");
                sizes.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return sizes;
    }

    /** The -H files of a fixture spool, as paths relative to the spool directory. */
    static List<String> headerFiles(String fixture) {
        Path spool = dir(fixture).resolve("spool");
        try (Stream<Path> files = Files.walk(spool.resolve("input"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-H"))
                    .map(p -> spool.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies a fixture spool into {@code target} and gives every -D file its recorded size (a large
     * body is stored cut short; only its size matters to a listing).
     */
    static Path copySpool(String fixture, Path target) throws IOException {
        Path source = dir(fixture).resolve("spool");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        for (String line : text(fixture, "data-sizes.txt").split("\n")) {
            if (!line.isBlank()) {
                String[] parts = line.trim().split(" ");
                try (RandomAccessFile f = new RandomAccessFile(target.resolve(parts[0]).toFile(), "rw")) {
                    f.setLength(Long.parseLong(parts[1]));
                }
            }
        }
        return target;
    }
}
