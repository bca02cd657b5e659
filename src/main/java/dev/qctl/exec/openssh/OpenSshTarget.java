package dev.qctl.exec.openssh;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A host as the system's {@code ssh} is to be asked for it: the destination as the user named it (so
 * every Host and Match block of the ssh_config applies) and only what qctl's own config or the -H word
 * set on top; everything else is left to ssh.
 *
 * @param name          what the user called the host: shown in records and errors
 * @param destination   the name or address handed to ssh (the config's address, else the -H host)
 * @param user          the login, or null to let ssh decide (-l)
 * @param port          the port, or null to let ssh decide (-p)
 * @param identityFiles keys to offer besides ssh's own (-i)
 * @param knownHosts    known_hosts files consulted besides ssh's UserKnownHostsFile
 * @param configFile    an ssh_config to use instead of ~/.ssh/config and /etc/ssh/ssh_config (-F), or null
 */
public record OpenSshTarget(String name, String destination, String user, Integer port, List<Path> identityFiles,
                            List<Path> knownHosts, Path configFile) {
    public OpenSshTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(destination, "destination");
        identityFiles = List.copyOf(identityFiles);
        knownHosts = List.copyOf(knownHosts);
    }
}
