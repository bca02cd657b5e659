package dev.qctl.cli;

import dev.qctl.config.ConfigException;
import dev.qctl.config.Defaults;
import dev.qctl.config.QctlConfig;
import dev.qctl.config.ResolvedTarget;
import dev.qctl.config.SshConfigFile;
import dev.qctl.config.TargetResolver;
import dev.qctl.config.SshClient;
import dev.qctl.exec.openssh.OpenSsh;
import dev.qctl.exec.openssh.OpenSshSettings;
import dev.qctl.exec.Transport;
import dev.qctl.exec.ssh.SshSettings;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.HostTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the hosts of a run from {@link TargetOptions}, the config file and ~/.ssh/config: which
 * hosts, how to reach each (local, or SSH; through sudo), which MTA settings, and the fan-out limits.
 * Command-line values win over the config, the config over the built-in defaults.
 */
final class FleetFactory {
    static final int DEFAULT_PARALLEL = 16;

    private final CliContext context;
    private final TargetOptions options;
    private final Path home = Path.of(System.getProperty("user.home"));

    FleetFactory(CliContext context, TargetOptions options) {
        this.context = context;
        this.options = options;
    }

    QctlConfig config() {
        return options.config(context);
    }

    /** Every configured host, resolved (for qctl hosts). */
    List<ResolvedTarget> resolveAll(QctlConfig config) {
        return resolver(config).resolve(null, true);
    }

    List<ResolvedTarget> resolve(QctlConfig config) {
        return resolver(config).resolve(options.hostOption(), options.allHosts);
    }

    private TargetResolver resolver(QctlConfig config) {
        Path sshDir = home.resolve(".ssh");
        SshConfigFile sshConfig;
        try {
            sshConfig = SshConfigFile.load(sshDir.resolve("config"), home);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + sshDir.resolve("config") + ": " + e.getMessage(), e);
        }
        return new TargetResolver(config, sshConfig, home, sshDir, localUser());
    }

    Fleet build() {
        QctlConfig config = config();
        Defaults defaults = config.defaults();
        int parallel = first(options.parallel, defaults.parallel(), DEFAULT_PARALLEL);
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1");
        }
        SshSettings ssh = settings(defaults);
        OpenSshSettings openSsh = new OpenSshSettings(OpenSsh.PROGRAM, ssh.connectTimeout(), ssh.commandTimeout(),
                controlParent(), OpenSshSettings.DEFAULT_PERSIST);
        List<HostTarget> hosts = new ArrayList<>();
        String quarantineDir = quarantineDirectory(config);
        for (ResolvedTarget target : resolve(config)) {
            hosts.add(host(target, ssh, openSsh, quarantineDir));
        }
        return new Fleet(hosts, parallel, ssh.commandTimeout());
    }

    SshSettings settings(Defaults defaults) {
        Duration connect = first(options.connectTimeout, defaults.connectTimeout(), SshSettings.DEFAULT_CONNECT_TIMEOUT);
        Duration command = first(options.commandTimeout, defaults.commandTimeout(), SshSettings.DEFAULT_COMMAND_TIMEOUT);
        if (connect.isZero() || command.isZero()) {
            throw new IllegalArgumentException("--connect-timeout and --command-timeout must be longer than 0s");
        }
        String agent = context.env().get("SSH_AUTH_SOCK");
        return new SshSettings(connect, command, SshSettings.DEFAULT_KEEPALIVE, home.resolve(".ssh"),
                new TtyPassphrases(context.env().get(TtyPassphrases.ENV)),
                agent == null || agent.isEmpty() ? null : Path.of(agent));
    }

    /** The quarantine directory a pinned sudoers rule names: $QCTL_QUARANTINE_DIR, else the config's, else null (the default). */
    private String quarantineDirectory(QctlConfig config) {
        String env = context.env().get("QCTL_QUARANTINE_DIR");
        return env != null && !env.isEmpty() ? env : config.actions().quarantineDir();
    }

    private HostTarget host(ResolvedTarget target, SshSettings ssh, OpenSshSettings openSsh, String quarantineDir) {
        Transport transport = context.transports().open(target, target.isLocal() ? null : client(target), ssh, openSsh);
        boolean sudo = options.sudo || Boolean.TRUE.equals(target.sudo());
        String login = target.isLocal() ? localUser() : target.ssh().user();
        return new HostTarget(target.name(), transport, options.over(target.mta()), sudo ? login : null,
                target.container(), quarantineDir, context.clock());
    }

    /** --ssh, else the host's or the config's ssh:, else OpenSSH where its client is installed. */
    SshClient client(ResolvedTarget target) {
        if (options.ssh != null) {
            return options.ssh;
        }
        if (target.client() != null) {
            return target.client();
        }
        return OpenSsh.installed(context.env().get("PATH")) ? SshClient.OPENSSH : SshClient.BUILTIN;
    }

    /** Where qctl's private ControlMaster directories go: the user's runtime directory, else the temp directory. */
    private Path controlParent() {
        String runtime = context.env().get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty() && java.nio.file.Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime);
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    static String localUser() {
        return System.getProperty("user.name");
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
