package dev.qctl.config;

import java.time.Duration;

/**
 * The config file's defaults; null where it sets none (the CLI then uses its own).
 *
 * @param target          the -H value used when none is given (e.g. {@code @prod}); null means local
 * @param ssh             the SSH client for hosts that name none
 * @param sshConfig       the ssh_config file for the OpenSSH client (-F) of hosts that name none
 * @param inventory       an Ansible inventory whose hosts and groups join the config's (--inventory)
 */
public record Defaults(String output, Integer parallel, Duration connectTimeout, Duration commandTimeout,
                       String target, SshClient ssh, String sshConfig, String inventory) {
    public static final Defaults NONE = new Defaults(null, null, null, null, null, null, null, null);

    public Defaults(String output, Integer parallel, Duration connectTimeout, Duration commandTimeout, String target) {
        this(output, parallel, connectTimeout, commandTimeout, target, null, null, null);
    }
}
