package dev.qctl.exec.ssh;

import java.nio.file.Path;

/**
 * Supplies the passphrase of an encrypted private key when the server is about to accept it. The
 * CLI asks on the terminal; tests pass a fixed value. Return null when no passphrase is available:
 * that key is then skipped.
 */
@FunctionalInterface
public interface PassphraseSource {
    PassphraseSource NONE = keyFile -> null;

    char[] passphraseFor(Path keyFile);
}
