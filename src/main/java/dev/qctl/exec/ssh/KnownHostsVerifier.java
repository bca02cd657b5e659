package dev.qctl.exec.ssh;

import com.hierynomus.sshj.userauth.certificate.Certificate;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.KnownHostEntry;

/**
 * Strict host key check against OpenSSH known_hosts files (plain, hashed and {@code [host]:port}
 * entries, {@code @revoked} and {@code @cert-authority} markers; sshj parses the lines). Nothing is ever accepted or written on the fly: a refusal is kept as
 * a {@link HostKeyProblem} so the caller can explain it.
 */
public final class KnownHostsVerifier implements HostKeyVerifier {
    private final String target;
    private final List<Path> files;
    private final List<KnownHostEntry> entries = new ArrayList<>();
    private volatile HostKeyProblem problem;

    public KnownHostsVerifier(String target, List<Path> files) throws IOException {
        QuietLogging.install();
        this.target = target;
        this.files = List.copyOf(files);
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                read(file).lines().forEach(line -> entries.addAll(parse(line)));
            }
        }
    }

    /**
     * sshj's entries for one line, or none when sshj cannot make sense of it: line by line, so that
     * one damaged key (sshj throws on some) costs that line, not the file.
     */
    private static List<KnownHostEntry> parse(String line) {
        // Read through a Reader: sshj's File constructor would create a missing file.
        try (Reader reader = new StringReader(line + "\n")) {
            return new OpenSSHKnownHosts(reader).entries();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The file's text; a byte that is not UTF-8 spoils only its own line (as in OpenSSH, which reads
     * bytes), never the whole file and so every connection.
     */
    static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
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
        HostKeyProblem.Kind kind = switch (match) {
            case REVOKED -> HostKeyProblem.Kind.REVOKED;
            case MISMATCH -> HostKeyProblem.Kind.CHANGED;
            default -> HostKeyProblem.Kind.UNKNOWN;
        };
        PublicKey shown = key instanceof Certificate<?> c ? c.getKey() : key;
        problem = new HostKeyProblem(kind, target, hostEntryName(hostname, port), Fingerprints.type(shown),
                Fingerprints.sha256(shown), files, key instanceof Certificate<?>, authorityListed(hostname, port));
        return false;
    }

    private boolean authorityListed(String hostname, int port) {
        String name = hostEntryName(hostname, port);
        return entries.stream().map(e -> Entry.of(e, name))
                .anyMatch(e -> e != null && e.marker == Marker.CA);
    }

    enum Match { TRUSTED, REVOKED, MISMATCH, NONE }

    /**
     * As OpenSSH decides: a {@code @revoked} entry for the key (or for the CA that signed a
     * certificate) wins over everything, in any file and any order; a certificate is trusted when a
     * {@code @cert-authority} entry for the host names its CA (sshj has already checked the
     * certificate's signature, validity and principals during key exchange); else the plain key
     * (a certificate's own key) against the plain entries. A {@code @cert-authority} entry never
     * vouches for a plain key.
     */
    Match match(String hostname, int port, PublicKey key) {
        Certificate<?> certificate = key instanceof Certificate<?> c ? c : null;
        PublicKey plain = certificate != null ? certificate.getKey() : key;
        if (KeyType.fromKey(plain) == KeyType.UNKNOWN) {
            return Match.NONE;
        }
        String name = hostEntryName(hostname, port);
        byte[] plainBlob = Fingerprints.blob(plain);
        byte[] caBlob = certificate != null ? certificate.getSignatureKey() : null;
        List<Entry> applicable = new ArrayList<>();
        for (KnownHostEntry entry : entries) {
            Entry e = Entry.of(entry, name);
            if (e != null) {
                applicable.add(e);
            }
        }
        for (Entry e : applicable) {
            if (e.marker == Marker.REVOKED && (Arrays.equals(e.blob, plainBlob) || Arrays.equals(e.blob, caBlob))) {
                return Match.REVOKED;
            }
        }
        if (caBlob != null) {
            for (Entry e : applicable) {
                if (e.marker == Marker.CA && Arrays.equals(e.blob, caBlob)) {
                    return Match.TRUSTED;
                }
            }
        }
        String type = KeyType.fromKey(plain).toString();
        boolean sameType = false;
        for (Entry e : applicable) {
            if (e.marker == Marker.NONE && e.type.equals(type)) {
                sameType = true;
                if (Arrays.equals(e.blob, plainBlob)) {
                    return Match.TRUSTED;
                }
            }
        }
        return sameType ? Match.MISMATCH : Match.NONE;
    }

    enum Marker { NONE, CA, REVOKED }

    /** One known_hosts line that applies to the host: its marker, key type and key blob. */
    record Entry(Marker marker, String type, byte[] blob) {
        /** The entry if it names the host (plain, hashed or a pattern) and is well formed, else null. */
        static Entry of(KnownHostEntry entry, String name) {
            try {
                if (!entry.appliesTo(name)) {
                    return null;
                }
                // sshj keeps the marker and key to itself; getLine() writes them back in OpenSSH's order.
                String[] f = entry.getLine().trim().split("\\s+");
                int i = 0;
                Marker marker = Marker.NONE;
                if (f[0].startsWith("@")) {
                    marker = f[0].equals("@revoked") ? Marker.REVOKED : f[0].equals("@cert-authority") ? Marker.CA : null;
                    i = 1;
                }
                if (marker == null || f.length < i + 3) {
                    return null;
                }
                return new Entry(marker, f[i + 1], Base64.getDecoder().decode(f[i + 2]));
            } catch (IOException | RuntimeException e) {
                return null; // a malformed entry proves nothing either way: skip it like OpenSSH does
            }
        }
    }

    /**
     * Key types already recorded for the host, so key exchange asks the server for one of those;
     * with a {@code @cert-authority} entry for it, the host certificate types come first, as ssh does.
     */
    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        String name = hostEntryName(hostname, port);
        List<String> certificates = new ArrayList<>();
        List<String> algorithms = new ArrayList<>();
        for (KnownHostEntry entry : entries) {
            Entry e = Entry.of(entry, name);
            if (e == null || e.marker == Marker.REVOKED) {
                continue;
            }
            if (e.marker == Marker.CA) {
                if (certificates.isEmpty()) {
                    certificates.addAll(CERTIFICATE_ALGORITHMS);
                }
                continue;
            }
            if (e.type.equals(KeyType.RSA.toString())) {
                // The recorded type is ssh-rsa; the server signs with rsa-sha2-* (same key).
                algorithms.add("rsa-sha2-512");
                algorithms.add("rsa-sha2-256");
            }
            algorithms.add(e.type);
        }
        certificates.addAll(algorithms);
        return certificates;
    }

    /**
     * The host certificate types sshj 0.40 verifies. Its only RSA one is ssh-rsa-cert-v01 (SHA-1),
     * which OpenSSH 8.8 and later no longer offer: an RSA-only certificate host needs {@code ssh: openssh}.
     */
    static final List<String> CERTIFICATE_ALGORITHMS = List.of("ssh-ed25519-cert-v01@openssh.com",
            "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
            "ecdsa-sha2-nistp521-cert-v01@openssh.com", "ssh-rsa-cert-v01@openssh.com");

    /** What these files say about a key, without remembering it: empty when trusted. */
    public Optional<HostKeyProblem.Kind> check(String hostname, int port, PublicKey key) {
        return switch (match(hostname, port, key)) {
            case TRUSTED -> Optional.empty();
            case REVOKED -> Optional.of(HostKeyProblem.Kind.REVOKED);
            case MISMATCH -> Optional.of(HostKeyProblem.Kind.CHANGED);
            case NONE -> Optional.of(HostKeyProblem.Kind.UNKNOWN);
        };
    }

    /** A plain entry recorded for the host: which file, which line (from 1), and its key's fingerprint. */
    public record Recorded(Path file, int line, String keyType, String fingerprint) {
    }

    /** The plain (unmarked) entries of these files for the host and key type: what a new key replaces. */
    public static List<Recorded> recorded(List<Path> files, String knownHostsName, String keyType) throws IOException {
        List<Recorded> found = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            List<String> lines = read(file).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                Entry e = plainEntry(lines.get(i), knownHostsName);
                if (e != null && e.type.equals(keyType)) {
                    found.add(new Recorded(file, i + 1, e.type, Fingerprints.sha256(e.blob)));
                }
            }
        }
        return found;
    }

    /** The line's entry if it is a plain entry for the host, else null (comments, markers, other hosts). */
    static Entry plainEntry(String line, String knownHostsName) {
        if (line.isBlank() || line.trim().startsWith("#") || line.trim().startsWith("@")) {
            return null;
        }
        for (KnownHostEntry entry : parse(line)) {
            Entry e = Entry.of(entry, knownHostsName);
            if (e != null && e.marker == Marker.NONE) {
                return e;
            }
        }
        return null;
    }

    /** Why the last key was refused, if it was. */
    public Optional<HostKeyProblem> problem() {
        return Optional.ofNullable(problem);
    }
}
