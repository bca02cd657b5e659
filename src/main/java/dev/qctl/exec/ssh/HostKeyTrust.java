package dev.qctl.exec.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * For {@code qctl hosts trust}: fetch the key a server offers (without logging in) so the user can
 * compare its fingerprint, then record it in a known_hosts file in OpenSSH's format.
 */
public final class HostKeyTrust {
    private HostKeyTrust() {
    }

    /** The host key the server offers in key exchange; nothing is authenticated or trusted. */
    public static PublicKey fetch(SshEndpoint endpoint, Duration timeout) {
        QuietLogging.install();
        AtomicReference<PublicKey> offered = new AtomicReference<>();
        DefaultConfig config = new DefaultConfig();
        try (SSHClient client = new SSHClient(config)) {
            int ms = (int) timeout.toMillis();
            client.setConnectTimeout(ms);
            client.setTimeout(ms);
            client.getTransport().setTimeoutMs(ms);
            client.addHostKeyVerifier(new HostKeyVerifier() {
                @Override
                public boolean verify(String hostname, int port, PublicKey key) {
                    offered.set(key);
                    return false; // stop here: the key is all we want
                }

                @Override
                public List<String> findExistingAlgorithms(String hostname, int port) {
                    return List.of();
                }
            });
            client.connect(endpoint.host(), endpoint.port());
        } catch (IOException e) {
            if (offered.get() == null) {
                throw new SshConnectionException(SshConnectionException.Reason.UNREACHABLE, "cannot get the host key of "
                        + endpoint.name() + " (" + endpoint.host() + ":" + endpoint.port() + "): "
                        + SshConnector.rootMessage(e), e);
            }
        }
        return offered.get();
    }

    /** The known_hosts line for this host and key: {@code name type base64}. */
    public static String line(String knownHostsName, PublicKey key) {
        return knownHostsName + " " + Fingerprints.type(key) + " " + Fingerprints.base64(key);
    }

    /** Appends the key to the file, creating it (and ~/.ssh) with the permissions OpenSSH expects. */
    public static void record(Path knownHosts, String knownHostsName, PublicKey key) throws IOException {
        Path dir = knownHosts.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (!Files.exists(knownHosts)) {
            Files.createFile(knownHosts, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        String line = line(knownHostsName, key) + "\n";
        byte[] existing = Files.readAllBytes(knownHosts);
        if (existing.length > 0 && existing[existing.length - 1] != '\n') {
            line = "\n" + line; // never glue the entry onto an unterminated last line
        }
        Files.writeString(knownHosts, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
