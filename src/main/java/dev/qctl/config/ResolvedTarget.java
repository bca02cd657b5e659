package dev.qctl.config;

import dev.qctl.exec.ssh.SshEndpoint;
import dev.qctl.mta.MtaSettings;

/**
 * One host to work on, with everything needed to reach it and its MTA.
 *
 * @param name  as records and messages show it: "local", the alias, or the -H word as typed
 * @param ssh   how to reach it, or null for this machine
 * @param mta   the per-host MTA settings from the config (the CLI's --mta etc. may override them)
 * @param sudo  the config's sudo setting for this host, or null when it says nothing
 */
public record ResolvedTarget(String name, SshEndpoint ssh, MtaSettings mta, Boolean sudo) {
    public static final String LOCAL = "local";

    public static ResolvedTarget local() {
        return new ResolvedTarget(LOCAL, null, MtaSettings.detect(), null);
    }

    public boolean isLocal() {
        return ssh == null;
    }
}
