package dev.qctl.config;

import dev.qctl.exec.container.ContainerRef;
import dev.qctl.exec.openssh.OpenSshTarget;
import dev.qctl.exec.ssh.SshEndpoint;
import dev.qctl.mta.MtaSettings;

/**
 * One host to work on, with everything needed to reach it and its MTA.
 *
 * @param name      as records and messages show it: "local", the alias, or the -H word as typed
 * @param ssh       how the built-in client reaches it (qctl's reading of ~/.ssh/config applied), or null for this machine
 * @param openSsh   how the system's ssh is asked for it (ssh applies its own config), or null for this machine
 * @param client    the SSH client the config names for it, or null for the run's default
 * @param mta       the per-host MTA settings from the config (the CLI's --mta etc. may override them)
 * @param sudo      the config's sudo setting for this host, or null when it says nothing
 * @param container the container the MTA runs in on that machine, or null when it runs on the machine itself
 */
public record ResolvedTarget(String name, SshEndpoint ssh, OpenSshTarget openSsh, SshClient client, MtaSettings mta,
                             Boolean sudo, ContainerRef container) {
    public static final String LOCAL = "local";

    public ResolvedTarget(String name, SshEndpoint ssh, MtaSettings mta, Boolean sudo) {
        this(name, ssh, null, null, mta, sudo, null);
    }

    public static ResolvedTarget local() {
        return new ResolvedTarget(LOCAL, null, null, null, MtaSettings.detect(), null, null);
    }

    /** A container on this machine, named on the command line ({@code -H docker:NAME}). */
    public static ResolvedTarget localContainer(ContainerRef container) {
        return new ResolvedTarget(container.display(), null, null, null, MtaSettings.detect(), null, container);
    }

    public boolean isLocal() {
        return ssh == null;
    }
}
