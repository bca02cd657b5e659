package dev.qctl.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed man pages, completion scripts and README exit codes must be what the code
 * generates now. {@code scripts/update-generated} runs this test with -Dqctl.updateGenerated=true,
 * which rewrites them instead (and deletes pages of commands that no longer exist).
 */
class GeneratedFilesTest {
    private static final Path BASEDIR = Path.of(System.getProperty("qctl.basedir", "."));
    private static final String VERSION = System.getProperty("qctl.version", "0.0.0");
    private static final boolean UPDATE = Boolean.getBoolean("qctl.updateGenerated");

    @Test
    void committedFilesAreUpToDate() throws IOException {
        Path work = Files.createDirectories(BASEDIR.resolve("target/generated-docs"));
        Map<String, String> files = GeneratedFiles.all(BASEDIR, VERSION, work);
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path path = BASEDIR.resolve(f.getKey());
            String current = Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8) : null;
            if (!f.getValue().equals(current)) {
                stale.add(f.getKey());
                if (UPDATE) {
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, f.getValue(), StandardCharsets.UTF_8);
                }
            }
        }
        try (Stream<Path> pages = Files.list(Files.createDirectories(BASEDIR.resolve("man/man1")))) {
            for (Path page : pages.toList()) {
                String key = "man/man1/" + page.getFileName();
                if (!files.containsKey(key)) {
                    stale.add(key + " (no such command any more)");
                    if (UPDATE) {
                        Files.delete(page);
                    }
                }
            }
        }
        if (UPDATE) {
            System.out.println("update-generated: rewrote " + (stale.isEmpty() ? "nothing" : stale));
        } else {
            assertThat(stale).as("generated files out of date; run scripts/update-generated and commit the result").isEmpty();
        }
    }
}
