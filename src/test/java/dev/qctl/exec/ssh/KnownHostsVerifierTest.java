package dev.qctl.exec.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsVerifierTest {
    // A real ed25519 host key and the fingerprint `ssh-keygen -lf` prints for it.
    static final String ED25519 = "AAAAC3NzaC1lZDI1NTE5AAAAIMeoPetsWqiaRa7ezV1FjBtkaOh55ondrzaqCwdQB88A";
    static final String ED25519_SHA256 = "SHA256:XBBV7Vk82/PbPqjIpk+/NmLNCJLHq1em3jl2OkkPbOc";
    static final String OTHER = "AAAAC3NzaC1lZDI1NTE5AAAAIJZR9X7Zq9nETeV/xLc1AlfPqT0Vm1u2F1mBXQqeE0jX";

    static final String RSA = "AAAAB3NzaC1yc2EAAAADAQABAAABgQC3eVhN64UhU2LL9prWf3180zXRR6vWZNKysPKyzHg+cUQflqu5epjY54i86y"
            + "Zur2aclulT9j4IkACdDJUynPDLPecrMrdjQ57IyVuYyt4Q/ioZ2P0TEbWojzbdaadhU+WRR1HUk4/rc8NHrmehMT46"
            + "BDklaki+NTFKdcfPdgV4yjcHn8z2c45swOMXc3CU1/TIHrjo9hBq5ZRDzHVWIL+XNB3arMEiwE2Glk6w6FEJbJVJYi"
            + "y/WWt9CVEIhjZlyq0omanXzcoCVNnCnj1sDq1sc52mnna5osyIXkbQL6xp+fCDGz/Wj9lzteNbnlM7CU7RpUc26xFg"
            + "o6YuJqKoG4Fnfl4J0j6qXo0CC11iPJc7b0k9v+iR3f3AapCC8TV5Cm1mt01MHb9cjxachSc127LE6rbQQvoAJ3TUJl"
            + "Ws0yaGpw7lsiZQq/MJBvB66vM5SW4tpYgu4CCZiDZcWYNVa5T3LSedntZw7FHNg5yaX4Yt6mPhOXJM+lwonUqmjaJn"
            + "gQc=";

    @TempDir
    Path dir;

    static PublicKey key(String base64) throws IOException {
        try {
            return new Buffer.PlainBuffer(Base64.getDecoder().decode(base64)).readPublicKey();
        } catch (Buffer.BufferException e) {
            throw new IOException(e);
        }
    }

    private KnownHostsVerifier verifier(String content) throws IOException {
        Path file = Files.writeString(dir.resolve("known_hosts"), content);
        return new KnownHostsVerifier("mx1", List.of(dir.resolve("missing"), file));
    }

    @Test
    void fingerprintIsWhatOpenSshPrints() throws IOException {
        assertThat(Fingerprints.sha256(key(ED25519))).isEqualTo(ED25519_SHA256);
        assertThat(Fingerprints.type(key(ED25519))).isEqualTo("ssh-ed25519");
        assertThat(Fingerprints.base64(key(ED25519))).isEqualTo(ED25519);
    }

    @Test
    void plainEntriesOnPort22AndBracketedEntriesOnOtherPorts() throws IOException {
        KnownHostsVerifier v = verifier("mx1.example.com,10.0.0.1 ssh-ed25519 " + ED25519 + "\n"
                + "[mx1.example.com]:2222 ssh-ed25519 " + OTHER + "\n");
        assertThat(v.verify("mx1.example.com", 22, key(ED25519))).isTrue();
        assertThat(v.verify("10.0.0.1", 22, key(ED25519))).isTrue();
        assertThat(v.verify("MX1.example.com", 22, key(ED25519))).isTrue();
        assertThat(v.verify("mx1.example.com", 2222, key(OTHER))).isTrue();
        assertThat(v.verify("mx1.example.com", 2222, key(ED25519))).isFalse();
        assertThat(v.problem()).get().extracting(HostKeyProblem::kind).isEqualTo(HostKeyProblem.Kind.CHANGED);
    }

    @Test
    void hashedEntriesMatch() throws Exception {
        byte[] salt = new byte[20];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (i * 7);
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = mac.doFinal("[127.0.0.1]:2222".getBytes(StandardCharsets.UTF_8));
        Base64.Encoder b64 = Base64.getEncoder();
        KnownHostsVerifier v = verifier("|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hash)
                + " ssh-ed25519 " + ED25519 + "\n");
        assertThat(v.verify("127.0.0.1", 2222, key(ED25519))).isTrue();
        assertThat(v.verify("127.0.0.2", 2222, key(ED25519))).isFalse();
        assertThat(v.problem()).get().extracting(HostKeyProblem::kind).isEqualTo(HostKeyProblem.Kind.UNKNOWN);
    }

    @Test
    void unknownHostGivesAProblemWithTheFingerprint() throws IOException {
        KnownHostsVerifier v = verifier("# nothing here\n");
        assertThat(v.verify("mx1.example.com", 22, key(ED25519))).isFalse();
        HostKeyProblem p = v.problem().orElseThrow();
        assertThat(p.message()).isEqualTo("host key of mx1 (mx1.example.com) is not known: the server offers ssh-ed25519 key "
                + ED25519_SHA256 + "; check it and run 'qctl hosts trust mx1' to record it");
    }

    @Test
    void knownRsaHostsAskForSha2HostKeyAlgorithms() throws IOException {
        KnownHostsVerifier v = verifier("[h]:2222 ssh-rsa " + RSA + "\n[h]:2222 ssh-ed25519 " + ED25519 + "\n");
        assertThat(v.findExistingAlgorithms("h", 2222)).containsExactly("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "ssh-ed25519");
        assertThat(v.findExistingAlgorithms("h", 22)).isEmpty();
    }

    @Test
    void trustRecordsALineTheVerifierAccepts() throws IOException {
        Path file = dir.resolve("new/known_hosts");
        HostKeyTrust.record(file, KnownHostsVerifier.hostEntryName("Mx1.Example.com", 2222), key(ED25519));
        assertThat(Files.readString(file)).isEqualTo("[mx1.example.com]:2222 ssh-ed25519 " + ED25519 + "\n");
        assertThat(new KnownHostsVerifier("mx1", List.of(file)).verify("mx1.example.com", 2222, key(ED25519))).isTrue();
        Files.writeString(file, "# no newline at end");
        HostKeyTrust.record(file, "h", key(ED25519));
        assertThat(Files.readString(file)).isEqualTo("# no newline at end\nh ssh-ed25519 " + ED25519 + "\n");
    }

    // --- @revoked and @cert-authority (fixtures in src/test/resources/ssh, see its README) ---

    static String fixture(String name) throws IOException {
        try (var in = KnownHostsVerifierTest.class.getResourceAsStream("/ssh/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    /** The base64 blob of an OpenSSH public key (or certificate) file. */
    static String blob(String name) throws IOException {
        return fixture(name).split(" ")[1];
    }

    @Test
    void aRevokedKeyWinsOverAPlainEntryInAnyFileAndOrder() throws IOException {
        Path user = Files.writeString(dir.resolve("user"), "mx1.example.com ssh-ed25519 " + ED25519 + "\n");
        Path global = Files.writeString(dir.resolve("global"), "@revoked * ssh-ed25519 " + ED25519 + "\n");
        for (List<Path> order : List.of(List.of(user, global), List.of(global, user))) {
            KnownHostsVerifier v = new KnownHostsVerifier("mx1", order);
            assertThat(v.verify("mx1.example.com", 22, key(ED25519))).isFalse();
            HostKeyProblem p = v.problem().orElseThrow();
            assertThat(p.kind()).isEqualTo(HostKeyProblem.Kind.REVOKED);
            assertThat(p.message()).contains("REVOKED").contains(ED25519_SHA256).doesNotContain("hosts trust");
        }
        // the same file, revoked line after the plain one
        KnownHostsVerifier same = verifier("mx1.example.com ssh-ed25519 " + ED25519 + "\n@revoked mx1.example.com ssh-ed25519 "
                + ED25519 + "\n");
        assertThat(same.check("mx1.example.com", 22, key(ED25519))).contains(HostKeyProblem.Kind.REVOKED);
        // another key stays trusted
        KnownHostsVerifier other = verifier("mx1.example.com ssh-ed25519 " + OTHER + "\n@revoked * ssh-ed25519 " + ED25519 + "\n");
        assertThat(other.check("mx1.example.com", 22, key(OTHER))).isEmpty();
    }

    @Test
    void aHostCertificateSignedByAListedAuthorityIsTrusted() throws IOException {
        PublicKey cert = key(blob("host-cert.pub"));
        assertThat(cert).isInstanceOf(com.hierynomus.sshj.userauth.certificate.Certificate.class);
        KnownHostsVerifier v = verifier("@cert-authority *.example.com " + fixture("ca.pub") + "\n");
        assertThat(v.verify("mx1.example.com", 22, cert)).isTrue();
        // key exchange asks for certificates first, so the server does not fall back to its plain key
        assertThat(v.findExistingAlgorithms("mx1.example.com", 22)).startsWith("ssh-ed25519-cert-v01@openssh.com");
        assertThat(v.findExistingAlgorithms("other.test", 22)).isEmpty();
    }

    @Test
    void aCertificateAuthorityNeverVouchesForThePlainKeyAndTheWayOutIsNamed() throws IOException {
        KnownHostsVerifier v = verifier("@cert-authority *.example.com " + fixture("ca.pub") + "\n");
        assertThat(v.verify("mx1.example.com", 22, key(blob("host.pub")))).isFalse();
        HostKeyProblem p = v.problem().orElseThrow();
        assertThat(p.kind()).isEqualTo(HostKeyProblem.Kind.UNKNOWN); // not "HOST KEY CHANGED"
        assertThat(p.message()).contains("@cert-authority").contains("not a certificate").contains("ssh: openssh")
                .contains("--ssh openssh").doesNotContain("CHANGED");
        // the plain key of the CA itself is not the host's key either
        assertThat(v.check("mx1.example.com", 22, key(blob("ca.pub")))).contains(HostKeyProblem.Kind.UNKNOWN);
    }

    @Test
    void aCertificateOfAnotherAuthorityOrARevokedAuthorityIsRefused() throws IOException {
        PublicKey foreign = key(blob("host-cert-other-ca.pub"));
        KnownHostsVerifier v = verifier("@cert-authority *.example.com " + fixture("ca.pub") + "\n");
        assertThat(v.verify("mx1.example.com", 22, foreign)).isFalse();
        assertThat(v.problem().orElseThrow().message()).contains("signed by another authority");
        KnownHostsVerifier revoked = verifier("@cert-authority *.example.com " + fixture("ca.pub") + "\n@revoked * "
                + fixture("ca.pub") + "\n");
        assertThat(revoked.check("mx1.example.com", 22, key(blob("host-cert.pub")))).contains(HostKeyProblem.Kind.REVOKED);
        KnownHostsVerifier hostRevoked = verifier("@cert-authority *.example.com " + fixture("ca.pub") + "\n@revoked * "
                + fixture("host.pub") + "\n");
        assertThat(hostRevoked.check("mx1.example.com", 22, key(blob("host-cert.pub")))).contains(HostKeyProblem.Kind.REVOKED);
        // a certificate whose CA is not listed falls back to its plain key, as ssh does
        KnownHostsVerifier plain = verifier("mx1.example.com " + fixture("host.pub") + "\n");
        assertThat(plain.check("mx1.example.com", 22, foreign)).isEmpty();
    }

    @Test
    void changedKeyAdvisesReplaceAndReplacingRemovesTheOldEntryOnly() throws IOException {
        Path file = Files.writeString(dir.resolve("known_hosts"), "# mine\nmx1.example.com ssh-ed25519 " + OTHER + "\n"
                + "mx1.example.com ssh-rsa " + RSA + "\nmx2.example.com ssh-ed25519 " + OTHER + "\n"
                + "@revoked * ssh-ed25519 " + RSA.substring(0, 8) + "\n");
        KnownHostsVerifier v = new KnownHostsVerifier("mx1", List.of(file));
        assertThat(v.verify("mx1.example.com", 22, key(ED25519))).isFalse();
        assertThat(v.problem().orElseThrow().message()).contains("HOST KEY CHANGED").contains("qctl hosts trust --replace mx1");
        assertThat(KnownHostsVerifier.recorded(List.of(file), "mx1.example.com", "ssh-ed25519"))
                .singleElement().satisfies(r -> {
                    assertThat(r.line()).isEqualTo(2);
                    assertThat(r.fingerprint()).isEqualTo(Fingerprints.sha256(key(OTHER)));
                });
        assertThat(HostKeyTrust.remove(file, "mx1.example.com", "ssh-ed25519")).isEqualTo(1);
        HostKeyTrust.record(file, "mx1.example.com", key(ED25519));
        assertThat(Files.readString(file)).isEqualTo("# mine\nmx1.example.com ssh-rsa " + RSA + "\nmx2.example.com ssh-ed25519 "
                + OTHER + "\n@revoked * ssh-ed25519 " + RSA.substring(0, 8) + "\nmx1.example.com ssh-ed25519 " + ED25519 + "\n");
        KnownHostsVerifier after = new KnownHostsVerifier("mx1", List.of(file));
        assertThat(after.check("mx1.example.com", 22, key(ED25519))).isEmpty();
        assertThat(after.check("mx1.example.com", 22, key(OTHER))).contains(HostKeyProblem.Kind.CHANGED);
    }

    @Test
    void aByteThatIsNotUtf8SpoilsOnlyItsOwnLine() throws IOException {
        Path file = dir.resolve("known_hosts");
        Files.write(file, ("# caf\u00e9 in Latin-1: caf").getBytes(StandardCharsets.UTF_8));
        Files.write(file, new byte[] {(byte) 0xe9, '\n'}, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(file, "mx1.example.com ssh-ed25519 " + ED25519 + "\n", java.nio.file.StandardOpenOption.APPEND);
        KnownHostsVerifier v = new KnownHostsVerifier("mx1", List.of(file));
        assertThat(v.verify("mx1.example.com", 22, key(ED25519))).isTrue();
        assertThat(KnownHostsVerifier.recorded(List.of(file), "mx1.example.com", "ssh-ed25519")).hasSize(1);
    }

    @Test
    void aKeySshjCannotLoadSpoilsOnlyItsOwnLine() throws IOException {
        // found by KnownHostsFuzzTest: sshj threw IllegalArgumentException for the whole file
        String damagedRsa = RSA.substring(0, 200) + "AAAA" + RSA.substring(204);
        KnownHostsVerifier v = verifier("mx1.example.com ssh-rsa " + damagedRsa + "\nmx1.example.com ssh-ed25519 " + ED25519 + "\n");
        assertThat(v.verify("mx1.example.com", 22, key(ED25519))).isTrue();
    }
}
