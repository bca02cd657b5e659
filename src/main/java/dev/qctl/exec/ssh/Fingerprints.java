package dev.qctl.exec.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/** Host key fingerprints written the way OpenSSH prints them, so users can compare them by eye. */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** {@code SHA256:} + unpadded base64 of the SHA-256 of the key blob, as ssh-keygen -l shows. */
    public static String sha256(PublicKey key) {
        return sha256(blob(key));
    }

    public static String sha256(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** The SSH wire name of the key's type, e.g. ssh-ed25519. */
    public static String type(PublicKey key) {
        return KeyType.fromKey(key).toString();
    }

    /** The key in SSH wire format (what known_hosts stores base64-encoded). */
    public static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    public static String base64(PublicKey key) {
        return Base64.getEncoder().encodeToString(blob(key));
    }
}
