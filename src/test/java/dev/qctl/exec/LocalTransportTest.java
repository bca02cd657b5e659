package dev.qctl.exec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTransportTest {
    private final LocalTransport transport = new LocalTransport();

    @Nested
    class Run {
        @Test
        void exitCodeStdoutAndStderr() {
            CommandResult r = transport.run(Command.of("sh", "-c", "printf 'out\\n'; printf 'err\\n' >&2; exit 3"));
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.ok()).isFalse();
            assertThat(r.stdout()).isEqualTo("out\n");
            assertThat(r.stderr()).isEqualTo("err\n");
        }

        @Test
        void successIsExitZero() {
            CommandResult r = transport.run(Command.of("true"));
            assertThat(r.exitCode()).isZero();
            assertThat(r.ok()).isTrue();
            assertThat(r.stdoutBytes()).isEmpty();
            assertThat(r.stderr()).isEmpty();
        }

        @Test
        void stdoutBytesArePassedUnchanged() {
            CommandResult r = transport.run(Command.of("printf", "\\377\\000\\001\\303\\266"));
            assertThat(r.stdoutBytes()).containsExactly(0xff, 0x00, 0x01, 0xc3, 0xb6);
        }

        @Test
        void stdinIsPassed() {
            byte[] input = "hello\nwörld\n\u0000end".getBytes(UTF_8);
            CommandResult r = transport.run(Command.of("cat"), input);
            assertThat(r.stdoutBytes()).isEqualTo(input);
        }

        /**
         * {@code Transport.run} writes all of stdin before it reads any stdout. A command that answers as
         * it reads (cat, or a tool that echoes every ID) fills the stdout pipe, stops reading stdin, and
         * both sides wait for ever. The timeout only guards against that hang; it measures nothing.
         */
        @Test
        void aLargeStdinForACommandThatAnswersAsItReadsDoesNotDeadlock() {
            byte[] input = "ABCDEF12345\n".repeat(100_000).getBytes(UTF_8);
            CommandResult r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                    () -> transport.run(Command.of("cat"), input));
            assertThat(r.stdoutBytes()).isEqualTo(input);
        }

        @Test
        void withoutStdinTheCommandSeesEndOfInput() {
            CommandResult r = transport.run(Command.of("cat"));
            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).isEmpty();
        }

        @Test
        void argumentsGoStraightToTheProgramWithoutAShell() {
            CommandResult r = transport.run(Command.of("printf", "%s|", "$(id)", "a b", "*", "'", ""));
            assertThat(r.stdout()).isEqualTo("$(id)|a b|*|'||");
        }

        @Test
        void theCLocaleIsSet() {
            assertThat(transport.run(Command.of("sh", "-c", "printf %s \"$LC_ALL\"")).stdout()).isEqualTo("C");
        }

        @Test
        void aChattyStderrIsCollectedBoundedWithoutBlocking() {
            CommandResult r = transport.run(Command.of("sh", "-c",
                    "head -c 1000000 /dev/zero | tr '\\000' x >&2; printf done"));
            assertThat(r.stdout()).isEqualTo("done");
            assertThat(r.exitCode()).isZero();
            assertThat(r.stderr()).hasSize(StderrCollector.LIMIT).matches("x+");
        }

        @Test
        void aMissingProgramIsAnExecException() {
            assertThatThrownBy(() -> transport.run(Command.of("/nonexistent/qctl-test-program", "-x")))
                    .isInstanceOf(ExecException.class)
                    .hasMessageStartingWith("cannot run /nonexistent/qctl-test-program: ")
                    .hasMessageContaining("No such file or directory");
        }

        @Test
        void aNonExecutableFileIsAnExecException(@TempDir Path dir) throws Exception {
            Path script = dir.resolve("not-executable");
            java.nio.file.Files.writeString(script, "#!/bin/sh\necho hi\n");
            assertThatThrownBy(() -> transport.run(Command.of(script.toString())))
                    .isInstanceOf(ExecException.class)
                    .hasMessageContaining("Permission denied");
        }
    }

    @Nested
    class Start {
        @Test
        void stdoutIsReadAsAStreamThenTheExitStatus() throws Exception {
            try (RunningCommand running = transport.start(Command.of("sh", "-c", "printf 'a\\nb\\n'; exit 5"))) {
                running.stdin().close();
                BufferedReader reader = new BufferedReader(new InputStreamReader(running.stdout(), UTF_8));
                assertThat(reader.lines()).containsExactly("a", "b");
                assertThat(running.waitFor()).isEqualTo(5);
            }
        }

        @Test
        void stdinCanBeWrittenWhileTheCommandRuns() throws Exception {
            try (RunningCommand running = transport.start(Command.of("sh", "-c", "read line; printf 'got:%s' \"$line\""))) {
                try (OutputStream in = running.stdin()) {
                    in.write("ABC123\n".getBytes(UTF_8));
                }
                assertThat(new String(running.stdout().readAllBytes(), UTF_8)).isEqualTo("got:ABC123");
                assertThat(running.waitFor()).isZero();
            }
        }

        @Test
        void stderrIsCompleteAfterWaitFor() throws Exception {
            try (RunningCommand running = transport.start(Command.of("sh", "-c", "printf 'fatal: boom' >&2; exit 1"))) {
                running.stdin().close();
                running.stdout().readAllBytes();
                assertThat(running.waitFor()).isEqualTo(1);
                assertThat(running.stderr()).isEqualTo("fatal: boom");
            }
        }

        @Test
        void closeStopsACommandThatStillRuns() {
            RunningCommand running = transport.start(Command.of("sleep", "60"));
            running.close();
            assertThat(running.waitFor()).as("killed, not finished normally").isNotZero();
        }

        /**
         * A reader that stops early closes only the command (as a listing stream does), not stdout:
         * the whole pipeline must still go, and the process must be reaped, not left a zombie.
         */
        @Test
        void closingEarlyStopsAPipelineAndLeavesNoZombie() throws Exception {
            String marker = "qctl-local-early-" + UUID.randomUUID();
            RunningCommand running = transport.start(Command.of("sh", "-c", "yes \"$0\" | cat; :", marker));
            assertThat(running.stdout().read()).isEqualTo('q');
            Path proc = Path.of("/proc", String.valueOf(pidOf(marker)));
            running.close();
            assertThat(gone(marker, proc)).as("no process with " + marker + ", no zombie").isTrue();
        }

        @Test
        void aMissingProgramIsAnExecException() {
            assertThatThrownBy(() -> transport.start(Command.of("no-such-program-qctl-test")))
                    .isInstanceOf(ExecException.class)
                    .hasMessageStartingWith("cannot run no-such-program-qctl-test: ");
        }
    }

    /** The oldest process whose command line holds the marker (the shell). */
    private static long pidOf(String marker) throws Exception {
        Process pgrep = new ProcessBuilder("pgrep", "-o", "-f", marker).start();
        String out = new String(pgrep.getInputStream().readAllBytes(), UTF_8).strip();
        assertThat(pgrep.waitFor()).as("pgrep finds " + marker).isZero();
        return Long.parseLong(out);
    }

    /** Whether, within 5s, no process holds the marker and the shell's /proc entry (a zombie's too) is gone. */
    private static boolean gone(String marker, Path proc) throws Exception {
        long until = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < until) {
            Process pgrep = new ProcessBuilder("pgrep", "-f", marker).start();
            pgrep.getInputStream().readAllBytes();
            if (pgrep.waitFor() != 0 && !java.nio.file.Files.exists(proc)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void theTargetIsLocal() {
        assertThat(transport.target()).isEqualTo("local");
    }

    @Test
    void isExecutableOnlyForExecutableRegularFiles(@TempDir Path dir) throws Exception {
        Path plain = java.nio.file.Files.writeString(dir.resolve("plain"), "x");
        assertThat(transport.isExecutable("/bin/sh")).isTrue();
        assertThat(transport.isExecutable(plain.toString())).isFalse();
        assertThat(transport.isExecutable(dir.toString())).isFalse();
        assertThat(transport.isExecutable("/nonexistent/qctl")).isFalse();
    }

    @Test
    void commandIsAnImmutableArgvWithAQuotedDisplay() {
        assertThatThrownBy(() -> new Command(List.of())).isInstanceOf(IllegalArgumentException.class);
        java.util.ArrayList<String> argv = new java.util.ArrayList<>(List.of("postsuper", "-d", "A B"));
        Command c = new Command(argv);
        argv.add("ALL");
        assertThat(c.argv()).containsExactly("postsuper", "-d", "A B");
        assertThat(c.program()).isEqualTo("postsuper");
        assertThat(c.display()).isEqualTo("postsuper -d 'A B'");
        assertThat(c).hasToString("postsuper -d 'A B'");
    }
}
