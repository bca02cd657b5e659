package dev.qctl.config;

import dev.qctl.exec.container.ContainerRef;
import dev.qctl.model.Mta;
import java.util.List;

/**
 * One host of the config file, as written (nulls where the file says nothing).
 *
 * @param name          the alias used with -H and shown in records
 * @param address       host name or IP to connect to (default: the name, through ~/.ssh/config)
 * @param mta           the MTA, or null to detect it ({@code mta: auto})
 * @param sudo          run MTA commands through sudo -n; null when not set
 * @param knownHosts    extra known_hosts files for this host
 * @param container     the container the MTA runs in ({@code docker:postfix-mailcow}), or null; with
 *                      {@code address: local} the runtime runs on this machine, else on the host over SSH
 * @param ssh           which SSH client reaches it, or null for the run's default
 * @param sshConfig     the ssh_config file for the OpenSSH client (-F), or null for ssh's own
 * @param eximSpoolReader the installed copy of qctl's spool reader ({@code qctl hosts spool-reader}), or null
 * @param quarantineScript the installed copy of qctl's quarantine script ({@code qctl hosts quarantine-script}), or null
 */
public record HostConfig(String name, String address, Integer port, String user, String identityFile, Mta mta,
                         Boolean sudo, String postfixConfig, String eximBin, String eximConfig,
                         List<String> knownHosts, ContainerRef container, SshClient ssh, String sshConfig,
                         String eximSpoolReader, String quarantineScript) {
    public HostConfig {
        knownHosts = knownHosts == null ? List.of() : List.copyOf(knownHosts);
    }

    public HostConfig(String name, String address, Integer port, String user, String identityFile, Mta mta,
                      Boolean sudo, String postfixConfig, String eximBin, String eximConfig, List<String> knownHosts) {
        this(name, address, port, user, identityFile, mta, sudo, postfixConfig, eximBin, eximConfig, knownHosts, null, null, null, null, null);
    }

    /** This host's settings, each one it leaves unset taken from {@code other} (same name kept). */
    public HostConfig orElse(HostConfig other) {
        if (other == null) {
            return this;
        }
        return new HostConfig(name, or(address, other.address), or(port, other.port), or(user, other.user),
                or(identityFile, other.identityFile), or(mta, other.mta), or(sudo, other.sudo),
                or(postfixConfig, other.postfixConfig), or(eximBin, other.eximBin), or(eximConfig, other.eximConfig),
                knownHosts.isEmpty() ? other.knownHosts : knownHosts, or(container, other.container), or(ssh, other.ssh),
                or(sshConfig, other.sshConfig), or(eximSpoolReader, other.eximSpoolReader),
                or(quarantineScript, other.quarantineScript));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
