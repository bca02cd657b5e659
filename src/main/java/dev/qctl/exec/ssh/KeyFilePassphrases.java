package dev.qctl.exec.ssh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Bridges {@link PassphraseSource} to sshj, which asks only when it must decrypt a key (after the
 * server accepted its public half). Remembers keys left locked, for the error message.
 */
final class KeyFilePassphrases {
    private final PassphraseSource source;
    private final List<Path> locked = new ArrayList<>();

    KeyFilePassphrases(PassphraseSource source) {
        this.source = source;
    }

    PasswordFinder finderFor(Path file) {
        return new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                char[] passphrase = source.passphraseFor(file);
                if (passphrase == null) {
                    synchronized (locked) {
                        locked.add(file);
                    }
                }
                return passphrase;
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return false; // one attempt: a wrong passphrase fails this key, the next key is tried
            }
        };
    }

    String note() {
        synchronized (locked) {
            return locked.isEmpty() ? "" : "; no passphrase for " + locked;
        }
    }
}
