package dev.qctl.exec.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        return fetch(endpoint, timeout, List.of());
    }

    /**
     * @param preferred host key algorithms to ask for first (those already recorded, so a changed
     *                  key is compared with the entry of its own type)
     */
    public static PublicKey fetch(SshEndpoint endpoint, Duration timeout, List<String> preferred) {
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
                    return preferred;
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

    /**
     * Removes the file's plain entries for the host and key type (what {@code ssh-keygen -R} does for
     * one type), keeping every other line byte for byte; written to a temporary file and moved into
     * place, so a crash leaves the old file or the new one.
     *
     * @return how many lines were removed
     */
    public static int remove(Path knownHosts, String knownHostsName, String keyType) throws IOException {
        if (!Files.isRegularFile(knownHosts)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(knownHosts);
        String content = new String(bytes, StandardCharsets.ISO_8859_1); // byte for byte, whatever the encoding
        StringBuilder kept = new StringBuilder(content.length());
        int removed = 0;
        for (String line : content.split("(?<=\n)")) {
            String decoded = new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            KnownHostsVerifier.Entry e = KnownHostsVerifier.plainEntry(decoded.strip(), knownHostsName);
            if (e != null && e.type().equals(keyType)) {
                removed++;
            } else {
                kept.append(line);
            }
        }
        if (removed > 0) {
            Path dir = knownHosts.toAbsolutePath().getParent();
            Path temp = Files.createTempFile(dir, ".known_hosts", ".tmp",
                    PosixFilePermissions.asFileAttribute(Files.getPosixFilePermissions(knownHosts)));
            try {
                Files.write(temp, kept.toString().getBytes(StandardCharsets.ISO_8859_1));
                Files.move(temp, knownHosts, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        return removed;
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
