package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Clear one-line errors with distinct exit codes, from the built launcher against the real Postfix. */
class PostfixErrorsIT {
    @BeforeAll
    static void sandbox() {
        Sandbox.requirePostfix();
    }

    @Test
    void badFilterSyntaxIsAUsageError() {
        for (String[] args : List.of(new String[] {"list", "--older-than", "2x"}, new String[] {"list", "--from", "/[/"},
                new String[] {"list", "--min-size", "lots"}, new String[] {"list", "--queue", "nowhere"},
                new String[] {"list", "-o", "xml"})) {
            Proc.Result r = Proc.qctl(args);
            assertThat(r.exit()).as(r.describe()).isEqualTo(2);
            assertThat(r.stderr()).startsWith("qctl: ").doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(r.stdout()).isEmpty();
        }
    }

    @Test
    void permissionDeniedNamesTheRemedy() throws IOException {
        Path dist = publicCopyOfTheDistribution();
        String id = PostfixQueue.postqueueJ().get(0).get("queue_id").asText();
        List<String> argv = new ArrayList<>(List.of("runuser", "-u", "nobody", "--",
                dist.resolve("bin/qctl").toString(), "show", id, "--raw"));
        Proc.Result r = Proc.run(argv, Map.of(), null);
        assertThat(r.exit()).as(r.describe()).isEqualTo(5);
        assertThat(r.stderr()).contains("permission denied").contains("--sudo");
        assertThat(r.stderr().strip().lines().count()).isEqualTo(1);

        // Listing needs no privileges on Postfix: the same user can read the queue.
        Proc.Result list = Proc.run(List.of("runuser", "-u", "nobody", "--", dist.resolve("bin/qctl").toString(),
                "list", "-o", "ids"), Map.of(), null);
        assertThat(list.exit()).as(list.describe()).isZero();
        assertThat(list.stdout()).contains(id);
    }

    @Test
    void aPostfixInstanceThatDoesNotExist() {
        Proc.Result r = Proc.qctl("list", "--postfix-config", "/nonexistent/postfix");
        assertThat(r.exit()).as(r.describe()).isNotZero();
        assertThat(r.stderr()).startsWith("qctl: ").contains("/nonexistent/postfix").doesNotContain("\tat ");

        Proc.Result explicit = Proc.qctl("list", "-o", "ids", "--postfix-config", "/etc/postfix");
        assertThat(explicit.exit()).as(explicit.describe()).isZero();
    }

    /** The build tree may sit under a private home directory: copy the launcher and jars where nobody reads them. */
    private static Path publicCopyOfTheDistribution() throws IOException {
        Path dist = Proc.qctlLauncher().getParent().getParent();
        Path copy = Files.createTempDirectory(Path.of("/tmp"), "qctl-dist-");
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> files = Files.walk(dist)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(dist.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                        Files.isDirectory(p) || Files.isExecutable(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return copy;
    }
}
