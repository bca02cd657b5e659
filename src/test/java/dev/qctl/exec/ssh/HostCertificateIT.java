package dev.qctl.exec.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.exec.Command;
import dev.qctl.exec.ssh.SshConnectionException.Reason;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real OpenSSH host certificate: this test starts its own sshd (not the sandbox's) on a free
 * loopback port, with an ed25519 host key certified by a test CA, and connects through sshj.
 */
class HostCertificateIT {
    private static Path dir;
    private static Process sshd;
    private static int port;
    private static Path clientKey;
    private static String ca;
    private static String hostKey;

    @BeforeAll
    static void start() throws Exception {
        SshSandbox.require(); // the sandbox installed sshd and made /run/sshd
        dir = Files.createTempDirectory("qctl-hostcert-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        keygen("-t", "ed25519", "-N", "", "-C", "test-ca", "-f", dir.resolve("ca").toString());
        keygen("-t", "ed25519", "-N", "", "-C", "host", "-f", dir.resolve("host").toString());
        keygen("-t", "ed25519", "-N", "", "-C", "client", "-f", dir.resolve("client").toString());
        keygen("-s", dir.resolve("ca").toString(), "-h", "-I", "qctl-test-host", "-n", "127.0.0.1",
                "-V", "-5m:+1h", dir.resolve("host.pub").toString());
        ca = Files.readString(dir.resolve("ca.pub")).trim();
        hostKey = Files.readString(dir.resolve("host.pub")).trim();
        clientKey = dir.resolve("client");
        Files.copy(dir.resolve("client.pub"), dir.resolve("authorized_keys"));
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + dir.resolve("host"),
                "HostCertificate " + dir.resolve("host-cert.pub"), "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no", "StrictModes no",
                "PidFile " + dir.resolve("sshd.pid"), "PermitRootLogin prohibit-password", "") );
        sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException e) {
                if (!sshd.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("test sshd did not start: " + Files.readString(dir.resolve("sshd.log")), e);
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (sshd != null) {
            sshd.destroy();
            sshd.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void keygen(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("ssh-keygen", "-q"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ssh-keygen " + argv + ": " + out);
        }
    }

    private static SshTransport connect(String knownHosts) throws IOException {
        Path file = Files.writeString(Files.createTempFile(dir, "known_hosts", ""), knownHosts);
        SshEndpoint endpoint = new SshEndpoint("certhost", "127.0.0.1", port, System.getProperty("user.name"),
                List.of(clientKey), true, List.of(file));
        Path emptySshDir = Files.createTempDirectory(dir, "ssh");
        SshSettings settings = SshSettings.defaults().withSshDir(emptySshDir).withAgentSocket(null)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));
        return new SshTransport(endpoint, settings);
    }

    @Test
    void aCertificateSignedByTheListedAuthorityIsAccepted() throws IOException {
        try (SshTransport ssh = connect("@cert-authority 127.0.0.1,[127.0.0.1]:" + port + " " + ca + "\n")) {
            assertThat(ssh.run(Command.of("echo", "certified")).stdout()).isEqualTo("certified\n");
        }
    }

    @Test
    void aRevokedAuthorityOrHostKeyIsRefusedAsRevoked() throws IOException {
        for (String revoked : List.of(ca, hostKey)) {
            try (SshTransport ssh = connect("@cert-authority [127.0.0.1]:" + port + " " + ca + "\n"
                    + "[127.0.0.1]:" + port + " " + hostKey + "\n@revoked * " + revoked + "\n")) {
                assertThatThrownBy(() -> ssh.run(Command.of("true")))
                        .isInstanceOfSatisfying(SshConnectionException.class,
                                e -> assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_REVOKED))
                        .hasMessageContaining("REVOKED").satisfies(e -> assertThat(e.getMessage()).doesNotContain("hosts trust"));
            }
        }
    }

    @Test
    void aPlainEntryStillWorksBesideTheAuthority() throws IOException {
        try (SshTransport ssh = connect("[127.0.0.1]:" + port + " " + hostKey + "\n")) {
            assertThat(ssh.run(Command.of("echo", "plain")).stdout()).isEqualTo("plain\n");
        }
    }
}
