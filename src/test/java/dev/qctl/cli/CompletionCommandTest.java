package dev.qctl.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qctl completion} and the hidden {@code qctl __complete}, in-process. */
class CompletionCommandTest {
    record Run(int exit, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, UTF_8);
        PrintStream e = new PrintStream(err, true, UTF_8);
        int exit = Cli.run(new CliContext(o, e, new ByteArrayInputStream(new byte[0]), env, Clock.systemUTC()), args);
        o.flush();
        return new Run(exit, out.toString(UTF_8), err.toString(UTF_8));
    }

    @Test
    void printsTheScriptOfEachShell() {
        Run bash = run(Map.of(), "completion", "bash");
        assertThat(bash.exit()).isZero();
        assertThat(bash.out()).contains("complete -F _qctl_complete -o default qctl")
                .contains("_qctl_id_commands=\" bounce delete deliver edit hold log release requeue rm show \"")
                .doesNotContain("__complete)"); // the hidden command is not offered
        assertThat(run(Map.of(), "completion", "zsh").out()).startsWith("#compdef qctl\n");
        assertThat(run(Map.of(), "completion", "fish").out())
                .contains("complete -c qctl -n '__fish_seen_subcommand_from show' -a '(__qctl_ids)'")
                .contains("-l output -x -a 'table wide json ndjson yaml csv ids'");
        assertThat(run(Map.of(), "completion", "tcsh").exit()).isEqualTo(2);
    }

    @Test
    void hiddenFromHelp() {
        assertThat(run(Map.of(), "--help").out()).contains("completion").doesNotContain("__complete");
    }

    @Test
    void hostsAndGroupsComeFromTheConfig(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "hosts:\n  mx1: {}\n  mx2: {}\ngroups:\n  eu: [mx2]\n");
        Run r = run(Map.of("QCTL_CONFIG", config.toString()), "__complete", "hosts");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("mx1\nmx2\n@eu\n");
    }

    @Test
    void problemsMeanNoCandidatesNotErrors(@TempDir Path dir) {
        Run r = run(Map.of("QCTL_CONFIG", dir.resolve("missing.yaml").toString()), "__complete", "hosts");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
    }
}
