package dev.qctl.exec.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to connect, the same for every host of a run.
 *
 * @param connectTimeout  deadline for TCP connect, key exchange and authentication together
 * @param commandTimeout  deadline for one remote command; {@link Duration#ZERO} means none
 * @param keepAlive       interval of keepalive@openssh.com probes; ZERO disables them
 * @param sshDir          the user's ~/.ssh (default keys and known_hosts live there)
 * @param passphrases     asked for the passphrase of an encrypted key
 * @param agentSocket     ssh-agent socket ($SSH_AUTH_SOCK), or null for no agent
 */
public record SshSettings(Duration connectTimeout, Duration commandTimeout, Duration keepAlive, Path sshDir,
                          PassphraseSource passphrases, Path agentSocket) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(15);

    public SshSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(sshDir, "sshDir");
        passphrases = passphrases == null ? PassphraseSource.NONE : passphrases;
    }

    /** Defaults for the current user: ~/.ssh, $SSH_AUTH_SOCK, no passphrases. */
    public static SshSettings defaults() {
        String sock = System.getenv("SSH_AUTH_SOCK");
        return new SshSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT, DEFAULT_KEEPALIVE,
                defaultSshDir(), PassphraseSource.NONE,
                sock == null || sock.isEmpty() ? null : Path.of(sock));
    }

    public static Path defaultSshDir() {
        return Path.of(System.getProperty("user.home"), ".ssh");
    }

    public SshSettings withPassphrases(PassphraseSource source) {
        return new SshSettings(connectTimeout, commandTimeout, keepAlive, sshDir, source, agentSocket);
    }

    public SshSettings withTimeouts(Duration connect, Duration command) {
        return new SshSettings(connect, command, keepAlive, sshDir, passphrases, agentSocket);
    }

    public SshSettings withAgentSocket(Path socket) {
        return new SshSettings(connectTimeout, commandTimeout, keepAlive, sshDir, passphrases, socket);
    }

    public SshSettings withSshDir(Path dir) {
        return new SshSettings(connectTimeout, commandTimeout, keepAlive, dir, passphrases, agentSocket);
    }
}
