package dev.qctl.mta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.exec.Command;
import dev.qctl.exec.CommandResult;
import dev.qctl.exec.LocalTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Postfix verbs of the quarantine script run for real (local sh) on a queue directory of the
 * test's own, with stand-ins for postcat and sendmail that record what they were given.
 */
class QuarantineScriptTest {
    @TempDir
    Path dir;

    private CommandResult run(byte[] stdin, String verb, String... args) {
        return new LocalTransport().run(QuarantineScript.command(verb, dir.resolve("q").toString(), args), stdin);
    }

    private Path queue() throws IOException {
        Path queue = dir.resolve("queue");
        for (String[] f : new String[][] {{"deferred/A", "A1B2C3D4E5"}, {"hold", "F0E1D2C3B4"}, {"active", "4jbq6Y3nLkzC08f"}}) {
            Path d = Files.createDirectories(queue.resolve(f[0]));
            Files.writeString(d.resolve(f[1]), "queue file " + f[1] + "\n");
            Files.setPosixFilePermissions(d.resolve(f[1]), PosixFilePermissions.fromString("rwx------"));
        }
        Files.writeString(queue.resolve("deferred/A/A1B2C3D4E6"), "not asked for\n");
        return queue;
    }

    @Test
    void postfixKeepsTheQueueFilesOfTheIdsAskedForWhereverTheyAre() throws IOException {
        Path queue = queue();
        CommandResult r = run("A1B2C3D4E5\nF0E1D2C3B4\n4jbq6Y3nLkzC08f\nAAAAAAAAAA\n".getBytes(StandardCharsets.US_ASCII),
                "store-postfix", "tpd9c5-d4dc31", "0", queue.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().lines()).containsExactly("Q A1B2C3D4E5", "Q F0E1D2C3B4", "Q 4jbq6Y3nLkzC08f", "N AAAAAAAAAA");
        Path run = dir.resolve("q").resolve("tpd9c5-d4dc31");
        assertThat(run.resolve("deferred/A1B2C3D4E5")).hasContent("queue file A1B2C3D4E5");
        assertThat(run.resolve("hold/F0E1D2C3B4")).exists();
        assertThat(run.resolve("active/4jbq6Y3nLkzC08f")).exists();
        assertThat(run.resolve("deferred/A1B2C3D4E6")).doesNotExist();
        assertThat(Files.readString(run.resolve("run"))).contains("run tpd9c5-d4dc31\n").contains("mta postfix\n");
        assertThat(queue.resolve("deferred/A/A1B2C3D4E5")).exists(); // keeping never removes: the delete does

        CommandResult runs = run(null, "runs");
        assertThat(runs.stdout()).matches("R tpd9c5-d4dc31 \\d+ postfix \\d+\n");
    }

    @Test
    void postfixRestoreResubmitsTheKeptContentToTheSenderAndRecipientsGiven() throws IOException {
        Path queue = queue();
        run("A1B2C3D4E5\nF0E1D2C3B4\n".getBytes(StandardCharsets.US_ASCII), "store-postfix", "tpd9c5-d4dc31", "0", queue.toString());
        Path log = dir.resolve("sendmail.log");
        Path postcat = script("postcat", "shift; cat \"$1\"");                       // postcat -bh FILE
        Path sendmail = script("sendmail", "{ printf 'ARGS'; printf ' [%s]' \"$@\"; echo; cat; echo END; } >> " + log);
        String input = "A1B2C3D4E5\ndeferred\nalice@example.org\n2\n-rcpt@example.com\nsp ace@example.com\n"
                + "F0E1D2C3B4\nhold\n\n1\nbob@example.com\n"
                + "0000000000\ndeferred\nx@example.org\n1\ny@example.com\n";
        CommandResult r = run(input.getBytes(StandardCharsets.UTF_8), "restore-postfix", "tpd9c5-d4dc31", postcat.toString(),
                sendmail.toString(), "");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().lines()).containsExactly("R A1B2C3D4E5", "R F0E1D2C3B4", "N 0000000000");
        assertThat(Files.readString(log)).isEqualTo(
                "ARGS [-i] [-f] [alice@example.org] [--] [-rcpt@example.com] [sp ace@example.com]\nqueue file A1B2C3D4E5\nEND\n"
                        + "ARGS [-i] [-f] [<>] [--] [bob@example.com]\nqueue file F0E1D2C3B4\nEND\n");
        assertThat(dir.resolve("q/tpd9c5-d4dc31/deferred/A1B2C3D4E5")).doesNotExist();
    }

    @Test
    void aFailedResubmissionKeepsTheMessage() throws IOException {
        Path queue = queue();
        run("A1B2C3D4E5\n".getBytes(StandardCharsets.US_ASCII), "store-postfix", "tpd9c5-d4dc31", "0", queue.toString());
        Path postcat = script("postcat", "shift; cat \"$1\"");
        Path sendmail = script("sendmail", "echo 'sendmail: fatal: no recipient' >&2; exit 75");
        CommandResult r = run("A1B2C3D4E5\ndeferred\na@example.org\n1\nb@example.org\n".getBytes(StandardCharsets.US_ASCII),
                "restore-postfix", "tpd9c5-d4dc31", postcat.toString(), sendmail.toString(), "");
        assertThat(r.stdout().strip()).isEqualTo("F A1B2C3D4E5 sendmail: sendmail: fatal: no recipient");
        assertThat(dir.resolve("q/tpd9c5-d4dc31/deferred/A1B2C3D4E5")).exists();
    }

    @Test
    void malformedArgumentsStopBeforeAnythingIsTouched() throws IOException {
        Path queue = queue();
        assertThat(run("A1B2C3D4E5\n".getBytes(StandardCharsets.US_ASCII), "store-postfix", "../etc", "0", queue.toString())
                .exitCode()).isEqualTo(2);
        assertThat(run("A1B2;rm\n".getBytes(StandardCharsets.US_ASCII), "store-postfix", "tpd9c5-d4dc31", "0", queue.toString())
                .exitCode()).isEqualTo(2);
        assertThat(new LocalTransport().run(QuarantineScript.command("runs", "relative/dir"), null).exitCode()).isEqualTo(2);
        assertThat(run(null, "prepare", "1x", "0", "1", "0").exitCode()).isEqualTo(2);
    }

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    /**
     * The pinned sudo mode: {@code qctl hosts quarantine-script > FILE}, run as {@code sh FILE VERB DIR ARGS…}.
     * Every verb, the same stdin: the same answers and the same effects as the inline script.
     */
    @Test
    void theInstalledScriptAnswersExactlyAsTheInlineOne() throws IOException {
        Path installed = Files.writeString(dir.resolve("qctl-quarantine"), QuarantineScript.script());
        assertThat(QuarantineScript.commandWith(installed.toString(), "runs", "/q/postfix").argv())
                .containsExactly("sh", installed.toString(), "runs", "/q/postfix");
        Path queue = queue();
        Path postcat = script("postcat", "shift; cat \"$1\"");
        List<String> inline = cycle(null, queue, postcat, dir.resolve("inline.log"));
        List<String> pinned = cycle(installed.toString(), queue, postcat, dir.resolve("pinned.log"));
        assertThat(pinned).isEqualTo(inline).contains("0 Q F0E1D2C3B4", "0 R A1B2C3D4E5", "0 N 0000000000", "8 CAP 1", "2 .");
        assertThat(Files.readString(dir.resolve("pinned.log"))).isEqualTo(Files.readString(dir.resolve("inline.log")))
                .contains("ARGS [-i] [-f] [alice@example.org] [--] [b@example.com]\nqueue file A1B2C3D4E5\n");
    }

    /** prepare, store, runs, envelopes, restore, purge on a quarantine of its own: each verb's exit status and stdout lines. */
    private List<String> cycle(String installed, Path queue, Path postcat, Path log) throws IOException {
        String q = dir.resolve(installed == null ? "q-inline" : "q-pinned").toString();
        Path sendmail = script("sendmail-" + log.getFileName(), "{ printf 'ARGS'; printf ' [%s]' \"$@\"; echo; cat; } >> " + log);
        List<String> answers = new java.util.ArrayList<>();
        java.util.function.BiConsumer<String, String[]> verb = (stdin, argv) -> {
            CommandResult r = new LocalTransport().run(QuarantineScript.commandWith(installed, argv[0], q,
                    java.util.Arrays.copyOfRange(argv, 1, argv.length)), stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8));
            // a run's time varies by the second between the two cycles
            r.stdout().lines().forEach(l -> answers.add(r.exitCode() + " " + l.replaceAll("^(R \\S+) \\d+", "$1 EPOCH")));
            answers.add(r.exitCode() + " .");
        };
        verb.accept(null, new String[] {"prepare", "0", "8", "604800", "0"});
        verb.accept("A1B2C3D4E5\nF0E1D2C3B4\n0000000000\n", new String[] {"store-postfix", "tpd9c5-d4dc31", "0", queue.toString()});
        verb.accept(null, new String[] {"runs"});
        verb.accept(null, new String[] {"envelopes", "tpd9c5-d4dc31", postcat.toString()});
        verb.accept("A1B2C3D4E5\ndeferred\nalice@example.org\n1\nb@example.com\n0000000000\ndeferred\nx@example.org\n1\ny@example.com\n",
                new String[] {"restore-postfix", "tpd9c5-d4dc31", postcat.toString(), sendmail.toString()});
        verb.accept(null, new String[] {"prepare", "0", "2", "604800", "1"}); // bigger than the cap: exit 8
        verb.accept(null, new String[] {"purge", "0", "0"});
        verb.accept(null, new String[] {"runs"});
        verb.accept(null, new String[] {"store-postfix", "../etc", "0", queue.toString()}); // malformed: exit 2
        return answers;
    }

    @Test
    void theCommandIsTheFixedScriptWithTheValuesAsArguments() {
        Command c = QuarantineScript.command("purge", "/var/lib/qctl/quarantine/exim", "604800", "0");
        assertThat(c.argv()).hasSize(8);
        assertThat(c.argv().subList(0, 2)).containsExactly("sh", "-c");
        assertThat(c.argv().get(2)).isEqualTo(QuarantineScript.SCRIPT);
        assertThat(c.argv().subList(3, 8)).containsExactly("sh", "purge", "/var/lib/qctl/quarantine/exim", "604800", "0");
    }
}
