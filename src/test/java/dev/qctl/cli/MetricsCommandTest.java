package dev.qctl.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class MetricsCommandTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8),
                new ByteArrayInputStream(new byte[0]), Map.of(), Clock.systemUTC());
        int exit = Cli.run(context, args);
        return new String[] {Integer.toString(exit), out.toString(UTF_8), err.toString(UTF_8)};
    }

    private static boolean alive(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aHungLocalMtaCommandIsKilledAtTheDeadlineWithWhatItStarted() throws Exception {
        Path script = dir.resolve("exim");
        Files.writeString(script, "#!/bin/sh\necho $$ > " + dir.resolve("pid") + "\nsleep 300 &\necho $! > "
                + dir.resolve("child") + "\nwait\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        long t0 = System.nanoTime();
        String[] r = run("metrics", "--mta", "exim", "--exim-bin", script.toString(), "--command-timeout", "2s");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        assertThat(r[1]).contains("qctl_scrape_success{host=\"local\"} 0\n");
        assertThat(r[2]).contains("no answer within 2s");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((alive(dir.resolve("pid")) || alive(dir.resolve("child"))) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(alive(dir.resolve("pid"))).as("the hung command").isFalse();
        assertThat(alive(dir.resolve("child"))).as("the process it started").isFalse();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anSshServersTextIsShownNotObeyedInTheWarnings() throws Exception {
        // a server that answers with a hostile identification: sshj quotes it in its error
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                while (!server.isClosed()) {
                    try (java.net.Socket s = server.accept()) {
                        s.getOutputStream().write("SSH-1.0-evil\u001b]0;owned\u0007 \u009b2J \u202eevil\r\n".getBytes(UTF_8));
                        s.getOutputStream().flush();
                        Thread.sleep(200);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            answer.setDaemon(true);
            answer.start();
            String[] r = run("metrics", "-H", "qctl@127.0.0.1:" + server.getLocalPort(), "--mta", "postfix",
                    "--connect-timeout", "5s");
            assertThat(r[1]).contains("qctl_scrape_success{host=\"qctl@127.0.0.1:" + server.getLocalPort() + "\"} 0\n");
            assertThat(r[2]).contains("evil^[]0;owned^G").contains("<U+009B>").contains("<U+202E>")
                    .doesNotContain("\u001b").doesNotContain("\u009b").doesNotContain("\u202e");
        }
    }

    @Test
    void webConfigWithoutListenIsAUsageError() {
        String[] r = run("metrics", "--web-config", "/nonexistent.yml");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("--web-config needs --listen");
    }
}
