package dev.qctl.config;

import dev.qctl.exec.container.ContainerRef;
import dev.qctl.exec.ssh.SshEndpoint;
import dev.qctl.mta.MtaSettings;

/**
 * One host to work on, with everything needed to reach it and its MTA.
 *
 * @param name  as records and messages show it: "local", the alias, or the -H word as typed
 * @param ssh   how to reach it, or null for this machine
 * @param mta   the per-host MTA settings from the config (the CLI's --mta etc. may override them)
 * @param sudo  the config's sudo setting for this host, or null when it says nothing
 * @param container the container the MTA runs in on that machine, or null when it runs on the machine itself
 */
public record ResolvedTarget(String name, SshEndpoint ssh, MtaSettings mta, Boolean sudo, ContainerRef container) {
    public static final String LOCAL = "local";

    public ResolvedTarget(String name, SshEndpoint ssh, MtaSettings mta, Boolean sudo) {
        this(name, ssh, mta, sudo, null);
    }

    public static ResolvedTarget local() {
        return new ResolvedTarget(LOCAL, null, MtaSettings.detect(), null);
    }

    /** A container on this machine, named on the command line ({@code -H docker:NAME}). */
    public static ResolvedTarget localContainer(ContainerRef container) {
        return new ResolvedTarget(container.display(), null, MtaSettings.detect(), null, container);
    }

    public boolean isLocal() {
        return ssh == null;
    }
}
