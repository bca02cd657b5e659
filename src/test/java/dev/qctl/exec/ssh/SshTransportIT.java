package dev.qctl.exec.ssh;

import dev.qctl.exec.SudoTransport;

import dev.qctl.exec.Command;
import dev.qctl.testing.LogSince;
import dev.qctl.exec.CommandResult;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.exec.ssh.SshConnectionException;
import dev.qctl.exec.ssh.SshConnectionException.Reason;
import dev.qctl.exec.ssh.SshSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SshTransport against the sandbox's real OpenSSH server on loopback: commands, streams, sudo, reuse. */
class SshTransportIT {
    private static final Path SSHD_LOG = Path.of("/var/lib/qctl-sandbox/sshd/sshd.log");

    @TempDir
    Path sshDir;

    @BeforeEach
    void sandbox() {
        SshSandbox.require();
    }

    private SshTransport open() {
        return new SshTransport(SshSandbox.endpoint(), SshSandbox.settings(sshDir));
    }

    @Test
    void runsACommandAndReportsItsExitStatusAndStderr() {
        try (SshTransport ssh = open()) {
            CommandResult ok = ssh.run(Command.of("id", "-un"));
            assertThat(ok.exitCode()).isZero();
            assertThat(ok.stdout()).isEqualTo(SshSandbox.user() + "\n");
            CommandResult failing = ssh.run(Command.of("ls", "/nonexistent-qctl"));
            assertThat(failing.exitCode()).isEqualTo(2);
            assertThat(failing.stderr()).contains("nonexistent-qctl");
            assertThat(ssh.target()).isEqualTo("sandbox");
        }
    }

    @Test
    void afterAFailureResetConnectsAgainInsteadOfRepeatingTheFailure() {
        try (SshTransport ssh = open()) {
            assertThat(ssh.run(Command.of("true")).ok()).isTrue();
            ssh.close(); // what a scrape past its deadline does (the host is abandoned)
            assertThatThrownBy(() -> ssh.run(Command.of("true"))).isInstanceOf(SshConnectionException.class);
            assertThatThrownBy(() -> ssh.run(Command.of("true"))).isInstanceOf(SshConnectionException.class); // cached
            ssh.reset(); // the next scrape
            assertThat(ssh.run(Command.of("echo", "again")).stdout()).isEqualTo("again\n");
            assertThat(ssh.connectionsOpened()).isEqualTo(2);
        }
        // an unreachable host: the failure is remembered within a run, and forgotten by reset
        SshEndpoint closed = new SshEndpoint("closed", "127.0.0.1", 1, SshSandbox.user(), List.of(), true, List.of());
        try (SshTransport ssh = new SshTransport(closed, SshSandbox.settings(sshDir))) {
            assertThatThrownBy(ssh::connect).isInstanceOf(SshConnectionException.class);
            ssh.reset();
            assertThatThrownBy(ssh::connect).isInstanceOf(SshConnectionException.class).hasMessageContaining("refused");
        }
    }

    @Test
    void hostileArgumentsArriveVerbatim() {
        List<String> hostile = List.of("it's", "\"double\"", "$(touch /tmp/qctl-pwned)", "`id`", "a;b", "a && b",
                "x | y", "line1\nline2", "  spaced  out ", "", "*", "~", "$HOME", "\\", "ünïcødé ✉", "-n", "--",
                "a=b", "#comment", "'", "'\\''", "\t", "!x", "{a,b}", "${IFS}", ">out", "<in");
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(hostile);
        try (SshTransport ssh = open()) {
            CommandResult r = ssh.run(new Command(argv));
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            StringBuilder expected = new StringBuilder();
            hostile.forEach(word -> expected.append(word).append('\0'));
            assertThat(r.stdout()).isEqualTo(expected.toString());
        }
    }

    @Test
    void stdinIsPassedAndClosingItSendsEndOfFile() throws IOException {
        try (SshTransport ssh = open()) {
            CommandResult echoed = ssh.run(Command.of("cat"), "one\ntwo\n".getBytes(StandardCharsets.UTF_8));
            assertThat(echoed.stdout()).isEqualTo("one\ntwo\n");
            try (RunningCommand wc = ssh.start(Command.of("wc", "-c"))) {
                try (OutputStream in = wc.stdin()) {
                    in.write(new byte[12345]);
                }
                assertThat(new String(wc.stdout().readAllBytes(), StandardCharsets.UTF_8).strip()).isEqualTo("12345");
                assertThat(wc.waitFor()).isZero();
            }
        }
    }

    @Test
    void streamsALargeOutput() throws IOException {
        int lines = 2_000_000;
        try (SshTransport ssh = open(); RunningCommand seq = ssh.start(Command.of("seq", "1", String.valueOf(lines)))) {
            long count = 0;
            String last = null;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(seq.stdout(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    count++;
                    last = line;
                }
            }
            assertThat(seq.waitFor()).isZero();
            assertThat(count).isEqualTo(lines);
            assertThat(last).isEqualTo(String.valueOf(lines));
        }
    }

    @Test
    void reusesOneConnectionForAllCommands() throws IOException {
        // Only this test's lines: over a day of logins an earlier one from the same source port is likely.
        LogSince sshdLog = LogSince.now(SSHD_LOG);
        try (SshTransport ssh = open()) {
            for (int i = 0; i < 5; i++) {
                assertThat(ssh.run(Command.of("true")).ok()).isTrue();
            }
            assertThat(ssh.isExecutable("/usr/sbin/postqueue")).isTrue();
            assertThat(ssh.connectionsOpened()).isEqualTo(1);
            int port = ssh.localPort();
            // The server's view: one accepted login from our source port.
            Pattern accepted = Pattern.compile("Accepted publickey for " + SshSandbox.user() + " from 127\\.0\\.0\\.1 port (\\d+) ");
            long fromUs = 0;
            for (String line : sshdLog.lines()) {
                Matcher m = accepted.matcher(line);
                if (m.find() && Integer.parseInt(m.group(1)) == port) {
                    fromUs++;
                }
            }
            assertThat(fromUs).isEqualTo(1);
        }
    }

    @Test
    void isExecutableChecksRegularExecutableFiles() {
        try (SshTransport ssh = open()) {
            assertThat(ssh.isExecutable("/usr/sbin/postqueue")).isTrue();
            assertThat(ssh.isExecutable("/etc/passwd")).isFalse();
            assertThat(ssh.isExecutable("/usr/sbin")).isFalse();
            assertThat(ssh.isExecutable("/nonexistent/x; touch /tmp/qctl-pwned")).isFalse();
        }
        assertThat(Path.of("/tmp/qctl-pwned")).doesNotExist();
    }

    @Test
    void postqueueThroughSudoOverSshMatchesLocalPostqueue() throws IOException {
        assertThat(Files.isExecutable(Path.of("/usr/sbin/postqueue"))).as("sandbox Postfix").isTrue();
        try (Transport ssh = new SudoTransport(open())) {
            // Others use the same queue: accept the remote answer if it equals a local one taken just before or after.
            for (int attempt = 0; attempt < 5; attempt++) {
                Set<String> before = localPostqueue();
                CommandResult remote = ssh.run(Command.of("/usr/sbin/postqueue", "-j"));
                Set<String> after = localPostqueue();
                assertThat(remote.exitCode()).as(remote.stderr()).isZero();
                Set<String> remoteLines = lines(remote.stdout());
                if (remoteLines.equals(before) || remoteLines.equals(after)) {
                    assertThat(remoteLines).isNotEmpty();
                    return;
                }
            }
            throw new AssertionError("remote postqueue -j never matched the local one (queue changing too fast?)");
        }
    }

    @Test
    void sudoWithoutARuleFailsWithoutPrompting() {
        try (Transport ssh = new SudoTransport(open())) {
            CommandResult r = ssh.run(Command.of("/usr/bin/id"));
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.stderr()).contains("password is required");
        }
    }

    @Test
    void aCommandOverItsTimeoutIsStopped() {
        SshSettings quick = SshSandbox.settings(sshDir).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1));
        try (SshTransport ssh = new SshTransport(SshSandbox.endpoint(), quick)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> ssh.run(Command.of("sleep", "30")))
                    .isInstanceOfSatisfying(SshConnectionException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.COMMAND_TIMEOUT))
                    .hasMessageContaining("sleep on sandbox did not finish within 1s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            // The connection survives a timed-out command.
            assertThat(ssh.run(Command.of("true")).ok()).isTrue();
        }
    }

    @Test
    void closingALargeOutputEarlyKeepsTheConnection() throws IOException {
        try (SshTransport ssh = open()) {
            try (RunningCommand seq = ssh.start(Command.of("seq", "1", "5000000"))) {
                BufferedReader reader = new BufferedReader(new InputStreamReader(seq.stdout(), StandardCharsets.UTF_8));
                assertThat(reader.readLine()).isEqualTo("1");
                reader.close(); // as a listing does: the caller closes its reader, then the command
            }
            CommandResult next = ssh.run(Command.of("echo", "still here"));
            assertThat(next.exitCode()).as(next.stderr()).isZero();
            assertThat(next.stdout()).isEqualTo("still here\n");
            assertThat(ssh.connectionsOpened()).isEqualTo(1);
        }
    }

    @Test
    void closingEarlyTwentyTimesInARowOnOneConnection() throws IOException {
        try (SshTransport ssh = open()) {
            for (int i = 0; i < 20; i++) {
                try (RunningCommand yes = ssh.start(new Command(List.of("sh", "-c", "yes qctl-" + i + " | head -c 50000000")))) {
                    byte[] first = new byte[16];
                    assertThat(yes.stdout().read(first)).isPositive();
                    yes.stdout().close();
                }
                assertThat(ssh.run(Command.of("echo", String.valueOf(i))).stdout()).isEqualTo(i + "\n");
            }
            assertThat(ssh.connectionsOpened()).isEqualTo(1);
        }
    }

    @Test
    void aCommandClosedEarlyIsStoppedOnTheHost() throws Exception {
        String writing = "qctl-early-writer-" + UUID.randomUUID();
        String silent = "qctl-early-sleeper-" + UUID.randomUUID();
        try (SshTransport ssh = open()) {
            // One floods its stdout (stops at the closed channel), one writes nothing (only TERM stops it).
            RunningCommand flood = ssh.start(new Command(List.of("sh", "-c", "yes; :", writing)));
            RunningCommand sleeper = ssh.start(new Command(List.of("sh", "-c", "sleep 60; :", silent)));
            assertThat(flood.stdout().read()).isEqualTo('y');
            awaitProcesses(silent, true);
            long start = System.nanoTime();
            flood.close();
            sleeper.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            awaitProcesses(writing, false);
            awaitProcesses(silent, false);
            assertThat(ssh.run(Command.of("true")).ok()).isTrue();
        }
    }

    @Test
    void aCommandThatIgnoresTermIsGivenUpWithoutHangingOrLosingTheConnection() throws Exception {
        String marker = "qctl-early-stubborn-" + UUID.randomUUID();
        try (SshTransport ssh = open()) {
            RunningCommand stubborn = ssh.start(new Command(List.of("sh", "-c", "trap '' TERM; sleep 4; :", marker)));
            awaitProcesses(marker, true);
            long start = System.nanoTime();
            stubborn.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(SshRunningCommand.CLOSE_WAIT.plusSeconds(2));
            assertThat(ssh.run(Command.of("echo", "meanwhile")).stdout()).isEqualTo("meanwhile\n");
            // When it does exit, sshd closes the abandoned channel; sshj must take that quietly too.
            awaitProcesses(marker, false);
            Thread.sleep(300);
            assertThat(ssh.run(Command.of("echo", "after")).stdout()).isEqualTo("after\n");
            assertThat(ssh.connectionsOpened()).isEqualTo(1);
        }
    }

    /** Waits (up to 5s) until a process whose command line holds the marker runs, or until none does. */
    private static void awaitProcesses(String marker, boolean running) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        boolean found;
        do {
            Process pgrep = new ProcessBuilder("pgrep", "-f", marker).redirectErrorStream(true).start();
            pgrep.getInputStream().readAllBytes();
            found = pgrep.waitFor() == 0;
            if (found == running) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < until);
        throw new AssertionError("processes with " + marker + (running ? " never started" : " still run"));
    }

    private static Set<String> localPostqueue() throws IOException {
        Process p = new ProcessBuilder("/usr/sbin/postqueue", "-j").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return lines(out);
    }

    private static Set<String> lines(String text) {
        Set<String> set = new HashSet<>(Arrays.asList(text.split("\n")));
        set.remove("");
        return set;
    }
}
