package dev.qctl.exec.ssh;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.KnownHostEntry;

/**
 * Strict host key check against OpenSSH known_hosts files (plain, hashed and {@code [host]:port}
 * entries; sshj parses them). Nothing is ever accepted or written on the fly: a refusal is kept as
 * a {@link HostKeyProblem} so the caller can explain it.
 */
public final class KnownHostsVerifier implements HostKeyVerifier {
    private final String target;
    private final List<Path> files;
    private final List<OpenSSHKnownHosts> sources = new ArrayList<>();
    private volatile HostKeyProblem problem;

    public KnownHostsVerifier(String target, List<Path> files) throws IOException {
        QuietLogging.install();
        this.target = target;
        this.files = List.copyOf(files);
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                // Read through a Reader: sshj's File constructor would create a missing file.
                try (Reader reader = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
                    sources.add(new OpenSSHKnownHosts(reader));
                }
            }
        }
    }

    /** The name known_hosts uses: bare host for port 22, else {@code [host]:port} (lower case). */
    public static String hostEntryName(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        return port == SshEndpoint.DEFAULT_PORT ? h : "[" + h + "]:" + port;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        Match match = match(hostname, port, key);
        if (match == Match.TRUSTED) {
            return true;
        }
        problem = new HostKeyProblem(match == Match.MISMATCH ? HostKeyProblem.Kind.CHANGED : HostKeyProblem.Kind.UNKNOWN,
                target, hostEntryName(hostname, port), Fingerprints.type(key), Fingerprints.sha256(key), files);
        return false;
    }

    enum Match { TRUSTED, MISMATCH, NONE }

    Match match(String hostname, int port, PublicKey key) {
        KeyType type = KeyType.fromKey(key);
        if (type == KeyType.UNKNOWN) {
            return Match.NONE;
        }
        String name = hostEntryName(hostname, port);
        boolean applicable = false;
        for (OpenSSHKnownHosts source : sources) {
            for (KnownHostEntry entry : source.entries()) {
                try {
                    if (entry.appliesTo(type, name)) {
                        applicable = true;
                        if (entry.verify(key)) {
                            return Match.TRUSTED;
                        }
                    }
                } catch (IOException e) {
                    // A malformed entry proves nothing either way: skip it like OpenSSH does.
                }
            }
        }
        return applicable ? Match.MISMATCH : Match.NONE;
    }

    /** Key types already recorded for the host, so key exchange asks the server for one of those. */
    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        String name = hostEntryName(hostname, port);
        List<String> algorithms = new ArrayList<>();
        for (OpenSSHKnownHosts source : sources) {
            for (KnownHostEntry entry : source.entries()) {
                try {
                    if (entry.appliesTo(name) && entry.getType() != null) {
                        if (entry.getType() == KeyType.RSA) {
                            // The recorded type is ssh-rsa; the server signs with rsa-sha2-* (same key).
                            algorithms.add("rsa-sha2-512");
                            algorithms.add("rsa-sha2-256");
                        }
                        algorithms.add(entry.getType().toString());
                    }
                } catch (IOException e) {
                    // skip malformed entries
                }
            }
        }
        return algorithms;
    }

    /** Why the last key was refused, if it was. */
    public Optional<HostKeyProblem> problem() {
        return Optional.ofNullable(problem);
    }
}
