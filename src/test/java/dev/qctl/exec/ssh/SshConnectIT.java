package dev.qctl.exec.ssh;

import dev.qctl.exec.Command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.exec.ssh.Fingerprints;
import dev.qctl.exec.ssh.HostKeyTrust;
import dev.qctl.exec.ssh.SshConnectionException;
import dev.qctl.exec.ssh.SshConnectionException.Reason;
import dev.qctl.exec.ssh.SshEndpoint;
import dev.qctl.exec.ssh.SshSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connecting to the sandbox sshd: host key checks, each kind of key, and hosts that cannot be reached. */
class SshConnectIT {
    private static final Path HOST_KEY_PUB = Path.of("/var/lib/qctl-sandbox/sshd/ssh_host_ed25519_key.pub");

    @TempDir
    Path dir;

    @BeforeEach
    void sandbox() {
        SshSandbox.require();
    }

    private SshSettings settings() {
        return SshSandbox.settings(dir);
    }

    private static void connectAndRun(SshEndpoint endpoint, SshSettings settings) {
        try (SshTransport ssh = new SshTransport(endpoint, settings)) {
            assertThat(ssh.run(Command.of("id", "-un")).stdout()).isEqualTo(SshSandbox.user() + "\n");
        }
    }

    @Test
    void ed25519KeyAuthenticates() {
        connectAndRun(SshSandbox.endpoint(SshSandbox.key("QCTL_SANDBOX_SSH_KEY"), SshSandbox.knownHosts()), settings());
    }

    @Test
    void rsaKeyAuthenticatesWithSha2Signatures() {
        // OpenSSH 9.2 refuses ssh-rsa (SHA-1) signatures: success means rsa-sha2-512/256 was used.
        connectAndRun(SshSandbox.endpoint(SshSandbox.key("QCTL_SANDBOX_SSH_KEY_RSA"), SshSandbox.knownHosts()), settings());
    }

    @Test
    void encryptedKeyAuthenticatesWithThePassphrase() {
        List<Path> asked = new ArrayList<>();
        SshSettings withPassphrase = settings().withPassphrases(file -> {
            asked.add(file);
            return SshSandbox.passphrase();
        });
        Path key = SshSandbox.key("QCTL_SANDBOX_SSH_KEY_ENC");
        connectAndRun(SshSandbox.endpoint(key, SshSandbox.knownHosts()), withPassphrase);
        assertThat(asked).containsExactly(key);
    }

    @Test
    void encryptedKeyWithoutPassphraseFailsAuthenticationClearly() {
        Path key = SshSandbox.key("QCTL_SANDBOX_SSH_KEY_ENC");
        assertThatThrownBy(() -> connectAndRun(SshSandbox.endpoint(key, SshSandbox.knownHosts()), settings()))
                .isInstanceOfSatisfying(SshConnectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION))
                .hasMessageContaining("authentication failed")
                .hasMessageContaining("no passphrase for [" + key + "]");
    }

    @Test
    void defaultKeysInTheSshDirectoryAreTried() throws IOException {
        Files.copy(SshSandbox.key("QCTL_SANDBOX_SSH_KEY_RSA"), dir.resolve("id_rsa"));
        SshEndpoint noIdentity = new SshEndpoint("sandbox", SshSandbox.host(), SshSandbox.port(), SshSandbox.user(),
                List.of(), false, List.of(SshSandbox.knownHosts()));
        connectAndRun(noIdentity, settings());
    }

    @Test
    void unknownHostKeyIsRefusedWithTheFingerprintOpenSshShows() throws IOException {
        Path empty = Files.createFile(dir.resolve("known_hosts"));
        String expected = openSshFingerprint();
        assertThatThrownBy(() -> connectAndRun(SshSandbox.endpoint(SshSandbox.key("QCTL_SANDBOX_SSH_KEY"), empty), settings()))
                .isInstanceOfSatisfying(SshConnectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_UNKNOWN))
                .hasMessage("host key of sandbox ([127.0.0.1]:2222) is not known: the server offers ssh-ed25519 key "
                        + expected + "; check it and run 'qctl hosts trust sandbox' to record it");
    }

    @Test
    void changedHostKeyIsRefused() throws IOException {
        // Another key (the client's own public key) recorded for [127.0.0.1]:2222 plays the old host key.
        String[] other = Files.readString(Path.of(SshSandbox.key("QCTL_SANDBOX_SSH_KEY") + ".pub")).trim().split(" ");
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:2222 " + other[0] + " " + other[1] + "\n");
        assertThatThrownBy(() -> connectAndRun(SshSandbox.endpoint(SshSandbox.key("QCTL_SANDBOX_SSH_KEY"), knownHosts), settings()))
                .isInstanceOfSatisfying(SshConnectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.HOST_KEY_CHANGED))
                .hasMessageStartingWith("HOST KEY CHANGED for sandbox ([127.0.0.1]:2222): the server offers ssh-ed25519 key "
                        + openSshFingerprint() + ", which does not match " + knownHosts)
                .hasMessageContaining("qctl hosts trust --replace sandbox");
    }

    @Test
    void hashedKnownHostsEntriesAreHonoured() throws IOException, InterruptedException {
        Path knownHosts = dir.resolve("known_hosts");
        Files.copy(SshSandbox.knownHosts(), knownHosts);
        Process p = new ProcessBuilder("ssh-keygen", "-H", "-f", knownHosts.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        assertThat(Files.readString(knownHosts)).startsWith("|1|").doesNotContain("127.0.0.1");
        connectAndRun(SshSandbox.endpoint(SshSandbox.key("QCTL_SANDBOX_SSH_KEY"), knownHosts), settings());
    }

    @Test
    void trustFetchesAndRecordsTheKeySoTheNextConnectionSucceeds() throws IOException {
        Path knownHosts = dir.resolve("sub/known_hosts");
        SshEndpoint endpoint = SshSandbox.endpoint(SshSandbox.key("QCTL_SANDBOX_SSH_KEY"), knownHosts);
        PublicKey key = HostKeyTrust.fetch(endpoint, Duration.ofSeconds(5));
        assertThat(Fingerprints.sha256(key)).isIn(openSshFingerprint(), rsaFingerprint());
        HostKeyTrust.record(knownHosts, endpoint.knownHostsName(), key);
        assertThat(Files.readString(knownHosts)).startsWith("[127.0.0.1]:2222 ");
        connectAndRun(endpoint, settings());
    }

    @Test
    void closedPortFailsFast() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SshEndpoint closed = new SshEndpoint("closed", "127.0.0.1", port, SshSandbox.user(),
                List.of(SshSandbox.key("QCTL_SANDBOX_SSH_KEY")), true, List.of(SshSandbox.knownHosts()));
        long start = System.nanoTime();
        assertThatThrownBy(() -> connectAndRun(closed, settings()))
                .isInstanceOfSatisfying(SshConnectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
                .hasMessage("cannot connect to closed (127.0.0.1:" + port + "): connection refused");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void silentListenerFailsWithinTheConnectDeadline() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // accept, then say nothing
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SshEndpoint endpoint = new SshEndpoint("silent", "127.0.0.1", silent.getLocalPort(), SshSandbox.user(),
                    List.of(SshSandbox.key("QCTL_SANDBOX_SSH_KEY")), true, List.of(SshSandbox.knownHosts()));
            SshSettings twoSeconds = settings().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(60));
            long start = System.nanoTime();
            assertThatThrownBy(() -> connectAndRun(endpoint, twoSeconds))
                    .isInstanceOfSatisfying(SshConnectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
                    .hasMessage("cannot connect to silent (127.0.0.1:" + silent.getLocalPort() + "): no SSH answer within 2s");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(4));
        }
    }

    @Test
    void aHostThatFailedOnceFailsAgainWithoutWaiting() throws IOException {
        Path empty = Files.createFile(dir.resolve("known_hosts"));
        try (SshTransport ssh = new SshTransport(SshSandbox.endpoint(SshSandbox.key("QCTL_SANDBOX_SSH_KEY"), empty), settings())) {
            assertThatThrownBy(ssh::connect).isInstanceOf(SshConnectionException.class);
            assertThatThrownBy(() -> ssh.run(Command.of("true"))).isInstanceOf(SshConnectionException.class)
                    .hasMessageContaining("is not known");
            assertThat(ssh.connectionsOpened()).isZero();
        }
    }

    private static String openSshFingerprint() {
        return sshKeygenFingerprint(HOST_KEY_PUB);
    }

    private static String rsaFingerprint() {
        return sshKeygenFingerprint(Path.of("/var/lib/qctl-sandbox/sshd/ssh_host_rsa_key.pub"));
    }

    /** What OpenSSH itself prints, e.g. "256 SHA256:XBBV... comment (ED25519)". */
    private static String sshKeygenFingerprint(Path pub) {
        try {
            Process p = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", pub.toString()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.split(" ")[1];
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
