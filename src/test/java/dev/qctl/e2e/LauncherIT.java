package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built launcher (bin/qctl) on its own: it finds its jars through a symlink, refuses a Java
 * older than 17 with one line, and writes its AppCDS archive on the first run and maps it on the
 * next. Its common path runs only builtins; what that saves is measured in scripts/bench.
 */
class LauncherIT {
    @TempDir
    Path tmp;

    @Test
    void runsThroughASymlinkFromAnotherDirectory() throws IOException {
        Path link = tmp.resolve("bin/qctl");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Proc.qctlLauncher());

        Proc.Result r = Proc.run(List.of(link.toString(), "--version"), Map.of(), null);
        Files.delete(link); // the temporary directory's clean-up would warn about a link out of it

        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(r.stdout()).startsWith("qctl ");
    }

    @Test
    void refusesAJavaOlderThan17ReadFromItsReleaseFile() throws IOException {
        Path home = fakeJava("JAVA_VERSION=\"11.0.22\"\n", "");

        Proc.Result r = Proc.run(List.of(Proc.qctlLauncher().toString(), "--version"), Map.of("JAVA_HOME", home.toString()), null);

        assertThat(r.exit()).as(r.describe()).isEqualTo(1);
        assertThat(r.stderr().strip()).isEqualTo("qctl: Java 17 or newer is needed, but " + home
                + "/bin/java is version 11.0.22; set JAVA_HOME to a newer runtime");
    }

    @Test
    void asksJavaItselfWhenThereIsNoReleaseFile() throws IOException {
        Path home = fakeJava(null, "openjdk version \"1.8.0_392\"");

        Proc.Result r = Proc.run(List.of(Proc.qctlLauncher().toString(), "--version"), Map.of("JAVA_HOME", home.toString()), null);

        assertThat(r.exit()).as(r.describe()).isEqualTo(1);
        assertThat(r.stderr()).contains("is version 1.8.0_392;");
    }

    @Test
    void writesItsClassArchiveOnceAndMapsItOnTheNextRun() throws IOException {
        Path cache = tmp.resolve("cache");
        Map<String, String> env = Map.of("QCTL_CACHE_DIR", cache.toString());

        Proc.Result first = Proc.qctlWith(env, null, "__complete", "hosts");
        assertThat(first.exit()).as(first.describe()).isZero();
        assertThat(archives(cache)).hasSize(1);

        Path loads = tmp.resolve("loads.txt");
        Proc.Result second = Proc.qctlWith(Map.of("QCTL_CACHE_DIR", cache.toString(),
                "QCTL_JAVA_OPTS", "-Xlog:class+load=info:file=" + loads), null, "__complete", "hosts");
        assertThat(second.exit()).as(second.describe()).isZero();
        assertThat(second.stderr()).isEmpty();
        // qctl's own classes come from the archive's top (dynamic) layer, not from the jar
        assertThat(Files.readAllLines(loads)).filteredOn(l -> l.contains(" dev.qctl.Qctl "))
                .singleElement().asString().contains("shared objects file (top)");
        assertThat(archives(cache)).hasSize(1);
    }

    private List<Path> archives(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.getFileName().toString().matches("qctl-.*\\.jsa")).toList();
        }
    }

    /** A JAVA_HOME whose java prints {@code versionLine} on stderr (as java -version does) and fails. */
    private Path fakeJava(String release, String versionLine) throws IOException {
        Path home = tmp.resolve("jdk");
        Path java = home.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho '" + versionLine + "' >&2\nexit 1\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (release != null) {
            Files.writeString(home.resolve("release"), release);
        }
        return home;
    }
}
