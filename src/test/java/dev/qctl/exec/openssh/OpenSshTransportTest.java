package dev.qctl.exec.openssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.exec.Command;
import dev.qctl.exec.CommandResult;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.ssh.SshConnectionException;
import dev.qctl.exec.ssh.SshConnectionException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport against a stand-in for ssh (a shell script that logs its arguments, plays the
 * master with a file for its socket and runs the remote command line with bash): what qctl asks of
 * ssh, and how it handles the answers. The real ssh and sshd are in OpenSshIT.
 */
class OpenSshTransportTest {
    private static final String FAKE_SSH = """
            #!/bin/bash
            log=%LOG%
            printf '%s\\n' "$*" >> "$log"
            args=("$@")
            last=${args[$((${#args[@]} - 1))]}
            path=""
            for ((i = 0; i < ${#args[@]}; i++)); do
              case "${args[$i]}" in ControlPath=*) path=${args[$i]#ControlPath=} ;; esac
            done
            case " $* " in
              *" -G "*)
                printf 'hostname 127.0.0.9\\nport 2222\\nuser fake\\n'
                [ -f %DIR%/user-cm ] && printf 'controlmaster auto\\ncontrolpath /home/x/.ssh/cm-%%C\\n'
                exit 0 ;;
              *" -O exit "*) rm -f "$path"; exit 0 ;;
              *" -f -N "*)
                if [ -f %DIR%/fail ]; then cat %DIR%/fail >&2; exit 255; fi
                if [ -f %DIR%/hang ]; then exec sleep 30; fi
                : > "$path"; exit 0 ;;
            esac
            exec bash -c "$last"
            """;

    @TempDir
    Path dir;
    private Path log;
    private Path ssh;

    @BeforeEach
    void fakeSsh() throws IOException {
        log = dir.resolve("ssh.log");
        ssh = dir.resolve("ssh");
        Files.writeString(ssh, FAKE_SSH.replace("%LOG%", log.toString()).replace("%DIR%", dir.toString()));
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
    }

    private OpenSshTransport transport(Duration commandTimeout) {
        OpenSshTarget target = new OpenSshTarget("mx1", "mx1.example.com", "qctl", 2222, List.of(Path.of("/keys/id")),
                List.of(Path.of("/etc/qctl/known hosts")), null);
        return new OpenSshTransport(target, new OpenSshSettings(ssh.toString(), Duration.ofSeconds(3), commandTimeout,
                dir.resolve("run"), Duration.ofSeconds(60)));
    }

    private List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void commandsRunThroughOneMasterOfItsOwnWithTheArgvQuotedOnce() throws IOException {
        try (OpenSshTransport t = transport(Duration.ofMinutes(1))) {
            CommandResult quoted = t.run(Command.of("printf", "%s|", "a b", "it's", "$HOME", ""));
            assertThat(quoted.stdout()).isEqualTo("a b|it's|$HOME||");
            CommandResult echoed = t.run(Command.of("cat"), "ID1\nID2\n".getBytes(StandardCharsets.UTF_8));
            assertThat(echoed.stdout()).isEqualTo("ID1\nID2\n");
            Path socket = t.controlSocket();
            assertThat(Files.getPosixFilePermissions(socket.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));

            List<String> calls = calls();
            assertThat(calls).hasSize(4);
            assertThat(calls.get(0)).contains("-o BatchMode=yes -o StrictHostKeyChecking=yes -o ConnectTimeout=3 -l qctl -p 2222 "
                    + "-i /keys/id -G -- mx1.example.com");
            assertThat(calls.get(1)).contains("-o UserKnownHostsFile=~/.ssh/known_hosts ~/.ssh/known_hosts2 \"/etc/qctl/known hosts\"",
                    "-o ControlMaster=yes -o ControlPath=" + socket, "-o ControlPersist=60 -f -N -- mx1.example.com");
            assertThat(calls.get(2)).contains("-o ControlPath=" + socket + " -o ControlMaster=no -- mx1.example.com printf '%s|' 'a b' 'it'\\''s' '$HOME' ''");
            assertThat(calls.get(3)).endsWith("-- mx1.example.com cat");
            t.close();
            assertThat(calls()).hasSize(5);
            assertThat(calls().get(4)).contains("-O exit -- mx1.example.com");
            assertThat(socket.getParent()).doesNotExist();
        }
    }

    @Test
    void aCommandsSshWritesIntoAWidePipe() throws IOException {
        // The remote command runs in the stand-in ssh's own process, so it sees the pipe ssh writes to.
        try (OpenSshTransport t = transport(Duration.ofMinutes(1))) {
            CommandResult size = t.run(Command.of("perl", "-e", "print fcntl(STDOUT, 1032, 0)"));
            assertThat(size.ok()).isTrue();
            assertThat(Integer.parseInt(size.stdout().strip())).isEqualTo(WidePipe.size()).isGreaterThan(64 * 1024);
            assertThat(calls().get(2)).contains("-o ControlMaster=no -- mx1.example.com perl -e");
        }
    }

    @Test
    void aUserWhoMultiplexesKeepsTheirOwnMaster() throws IOException {
        Files.writeString(dir.resolve("user-cm"), "");
        try (OpenSshTransport t = transport(Duration.ofMinutes(1))) {
            assertThat(t.run(Command.of("echo", "hi")).stdout()).isEqualTo("hi\n");
            assertThat(t.ownMaster()).isFalse();
        }
        assertThat(calls()).hasSize(2).noneMatch(c -> c.contains("ControlPath") || c.contains("-O exit"));
    }

    @Test
    void aFailedConnectionIsClassifiedAndNotRetried() throws IOException {
        Files.writeString(dir.resolve("fail"), "ssh: connect to host 127.0.0.9 port 2222: Connection refused\n");
        try (OpenSshTransport t = transport(Duration.ofMinutes(1))) {
            assertThatThrownBy(() -> t.run(Command.of("true"))).isInstanceOf(SshConnectionException.class)
                    .hasMessage("cannot connect to mx1 (127.0.0.9:2222): connection refused (ssh: connect to host "
                            + "127.0.0.9 port 2222: Connection refused)")
                    .extracting(e -> ((SshConnectionException) e).reason()).isEqualTo(Reason.UNREACHABLE);
            int before = calls().size();
            assertThatThrownBy(t::connect).isInstanceOf(SshConnectionException.class);
            assertThat(calls()).hasSize(before);
        }
        assertThat(Files.list(dir.resolve("run")).toList()).isEmpty(); // no private directory left behind
    }

    @Test
    void closingACommandEarlyEndsOnlyThatCommand() throws IOException {
        try (OpenSshTransport t = transport(Duration.ofMinutes(1))) {
            RunningCommand endless = t.start(Command.of("yes", "qctl"));
            InputStream out = endless.stdout();
            assertThat(new String(out.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("qctl\n");
            long start = System.nanoTime();
            endless.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(t.run(Command.of("echo", "next")).stdout()).isEqualTo("next\n");
            assertThat(calls()).filteredOn(c -> c.contains(" -f -N ")).hasSize(1);
        }
    }

    @Test
    void aCommandPastItsTimeoutIsStoppedAndSaysSo() {
        try (OpenSshTransport t = transport(Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> t.run(Command.of("sleep", "30"))).isInstanceOf(SshConnectionException.class)
                    .hasMessage("sleep on mx1 did not finish within 1s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void closingTheTransportWakesAReaderThatWaits() throws Exception {
        OpenSshTransport t = transport(Duration.ofMinutes(1));
        RunningCommand silent = t.start(Command.of("sleep", "30"));
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            t.close();
        });
        closer.start();
        long start = System.nanoTime();
        assertThat(silent.stdout().read()).isEqualTo(-1);
        assertThatThrownBy(silent::waitFor).hasMessage("the connection to mx1 was closed while sleep ran");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        closer.join();
    }

    /** The run gives up on a host whose handshake hangs: closing does not wait for the handshake's deadline. */
    @Test
    void closingStopsAHandshakeThatHangs() throws Exception {
        Files.writeString(dir.resolve("hang"), "");
        OpenSshTransport t = new OpenSshTransport(new OpenSshTarget("mx1", "mx1", null, null, List.of(), List.of(), null),
                new OpenSshSettings(ssh.toString(), Duration.ofSeconds(20), Duration.ofMinutes(1), dir.resolve("run"),
                        Duration.ofSeconds(60)));
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            t.close();
        });
        long start = System.nanoTime();
        closer.start();
        assertThatThrownBy(t::connect).isInstanceOf(SshConnectionException.class);
        closer.join();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void theRemoteCommandsOwnExitStatus255IsNotAConnectionFailure() {
        try (OpenSshTransport t = transport(Duration.ofMinutes(1))) {
            CommandResult r = t.run(Command.of("sh", "-c", "echo 'spool locked' >&2; exit 255"));
            assertThat(r.exitCode()).isEqualTo(255);
            assertThat(r.stderr()).isEqualTo("spool locked\n");
            assertThat(t.isExecutable("/bin/sh")).isTrue();
            assertThat(t.isExecutable("/nonexistent")).isFalse();
        }
    }
}
