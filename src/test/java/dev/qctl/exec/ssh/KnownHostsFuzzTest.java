package dev.qctl.exec.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.fuzz.Mutations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of known_hosts reading: whatever a file holds, the verifier answers
 * trusted, unknown, changed or revoked in bounded time, and never trusts a key no line names.
 */
class KnownHostsFuzzTest {
    Mutations.Cases files() throws IOException {
        String file = "mx1.example.com,10.0.0.1 ssh-ed25519 " + KnownHostsVerifierTest.ED25519 + "\n"
                + "[mx1.example.com]:2222 ssh-rsa " + KnownHostsVerifierTest.RSA + " comment\n"
                + "|1|AAECAwQFBgcICQoLDA0ODxAREhM=|6hTmHK+Ni/yVU/DRbMtLJRuZhVE= ssh-ed25519 " + KnownHostsVerifierTest.OTHER + "\n"
                + "@cert-authority *.example.com " + KnownHostsVerifierTest.fixture("ca.pub") + "\n"
                + "@revoked * " + KnownHostsVerifierTest.fixture("other-ca.pub") + "\n# comment\n\n";
        return Mutations.of(List.of(file.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyFileGivesAnAnswerAndTrustsOnlyKeysItNames() throws Exception {
        files().forEach(300, (content, random) -> {
            Path dir = Files.createTempDirectory("qctl-kh-fuzz");
            try {
                Path file = Files.write(dir.resolve("known_hosts"), content);
                String text = new String(content, StandardCharsets.UTF_8);
                Mutations.bounded(() -> {
                    KnownHostsVerifier v = new KnownHostsVerifier("mx1", List.of(file));
                    for (String key : List.of(KnownHostsVerifierTest.ED25519, KnownHostsVerifierTest.OTHER)) {
                        PublicKey k = KnownHostsVerifierTest.key(key);
                        boolean trusted = v.verify("mx1.example.com", 22, k);
                        if (trusted) {
                            assertThat(text).contains(key.substring(0, 40)); // only a line naming the key can trust it
                        } else {
                            assertThat(v.problem()).isPresent();
                        }
                    }
                    v.findExistingAlgorithms("mx1.example.com", 2222);
                    KnownHostsVerifier.recorded(List.of(file), "mx1.example.com", "ssh-ed25519");
                    return null;
                });
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(dir);
            }
        });
    }
}
