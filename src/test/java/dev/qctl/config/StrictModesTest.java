package dev.qctl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run as root, a config (or exim_bin) another user could change is refused, as sshd's StrictModes does. */
class StrictModesTest {
    private static final StrictModes ROOT = new StrictModes(true);

    @TempDir
    Path dir;

    private Path file(String mode) throws IOException {
        Path f = Files.writeString(dir.resolve("config.yaml"), "hosts:\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    private static boolean weAreRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    @Test
    void writableByOthersOrTheGroupIsRefusedInOneLine() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        assertThatThrownBy(() -> ROOT.check(file("rw-rw-rw-"), "config file")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("refusing config file").hasMessageContaining("writable by every user")
                .hasMessageContaining("StrictModes").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> ROOT.check(file("rw-rw-r--"), "config file")).hasMessageContaining("writable by its group");
        if (weAreRoot()) { // the files are ours: owned by root only when the tests run as root (CI does)
            assertThatCode(() -> ROOT.check(file("rw-r--r--"), "config file")).doesNotThrowAnyException();
        }
        // not root: nothing to protect, nothing refused
        assertThatCode(() -> new StrictModes(false).check(file("rw-rw-rw-"), "config file")).doesNotThrowAnyException();
    }

    @Test
    void aDirectoryAboveThatOthersCanWriteIsRefusedUnlessSticky() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("shared"));
        Path f = Files.writeString(sub.resolve("config.yaml"), "hosts:\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> ROOT.check(f, "config file")).hasMessageContaining(sub.toString())
                .hasMessageContaining("writable by every user");
        if (weAreRoot()) {
            Files.setAttribute(sub, "unix:mode", 01777); // like /tmp
            assertThatCode(() -> ROOT.check(f, "config file")).doesNotThrowAnyException();
            Files.setAttribute(f, "unix:uid", 65534); // nobody's file in a sticky directory: nobody can change it
            assertThatThrownBy(() -> ROOT.check(f, "config file")).hasMessageContaining("owned by uid 65534");
        }
    }

    @Test
    void theLoaderRefusesTheConfigAndAnEximBinaryOthersCanWrite() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path exim = Files.writeString(dir.resolve("exim4"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(exim, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path config = Files.writeString(dir.resolve("config.yaml"), "hosts:\n  mx1:\n    exim_bin: " + exim + "\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        ConfigLoader loader = new ConfigLoader(Map.of(), dir, dir.resolve("none"), ROOT);
        if (weAreRoot()) {
            assertThatThrownBy(() -> loader.load(config)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("refusing exim_bin of mx1 " + exim);
        }
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThatThrownBy(() -> loader.load(config)).hasMessageContaining("refusing config file " + config);
        assertThat(new ConfigLoader(Map.of(), dir, dir.resolve("none"), new StrictModes(false)).load(config).hosts())
                .containsKey("mx1");
    }
}
