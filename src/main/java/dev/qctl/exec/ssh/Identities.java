package dev.qctl.exec.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which private key files to offer, as OpenSSH picks them. */
public final class Identities {
    /** OpenSSH's defaults that qctl supports, in its order (no DSA: OpenSSH dropped it). */
    static final List<String> DEFAULT_NAMES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private Identities() {
    }

    /** The configured files if any (IdentityFile replaces the defaults), else the default keys that exist. */
    public static List<Path> toTry(List<Path> configured, Path sshDir) {
        List<Path> files = new ArrayList<>();
        if (!configured.isEmpty()) {
            for (Path p : configured) {
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
            return files;
        }
        for (String name : DEFAULT_NAMES) {
            Path p = sshDir.resolve(name);
            if (Files.isRegularFile(p)) {
                files.add(p);
            }
        }
        return files;
    }
}
