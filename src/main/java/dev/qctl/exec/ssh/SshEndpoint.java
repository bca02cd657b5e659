package dev.qctl.exec.ssh;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where and as whom to connect, fully resolved (config file and ~/.ssh/config already applied).
 *
 * @param name           what the user called the host (alias or user@host): shown in records and errors
 * @param host           address to connect to, also the name looked up in known_hosts
 * @param port           TCP port
 * @param user           login name
 * @param identityFiles  private keys to try, in order; empty means the default ~/.ssh/id_* keys
 * @param identitiesOnly only these keys, not the agent's (as OpenSSH's IdentitiesOnly)
 * @param knownHosts     known_hosts files to verify the host key against (all are consulted)
 */
public record SshEndpoint(String name, String host, int port, String user, List<Path> identityFiles,
                          boolean identitiesOnly, List<Path> knownHosts) {
    public static final int DEFAULT_PORT = 22;

    public SshEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        identityFiles = List.copyOf(identityFiles);
        knownHosts = List.copyOf(knownHosts);
    }

    /** The host as known_hosts writes it: bare for port 22, else {@code [host]:port}. */
    public String knownHostsName() {
        return KnownHostsVerifier.hostEntryName(host, port);
    }
}
