package dev.qctl.cli;

import dev.qctl.config.QctlConfig;
import dev.qctl.config.SshClient;
import dev.qctl.model.Mta;
import dev.qctl.mta.MtaSettings;
import dev.qctl.queue.Fleet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where to work and how to reach the MTA there: shared by every command that reads or changes a
 * queue. {@link FleetFactory} turns these options and the config file into the hosts of the run.
 */
public final class TargetOptions {
    enum MtaChoice { auto, postfix, exim }

    @Option(names = {"-H", "--host"}, paramLabel = "TARGETS",
            description = "Where to work: local, user@host, host:port, ssh://user@host:port, an alias or @group from "
                    + "the config, a container here (docker:NAME, podman:NAME, kubectl:[NAMESPACE/]POD[:CONTAINER]), "
                    + "or a comma-separated mix (repeatable). Default: the config's default target, else local.")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--all-hosts", description = "Every host of the config file.")
    boolean allHosts;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (default: $QCTL_CONFIG, ~/.config/qctl/config.yaml, /etc/qctl/config.yaml).")
    Path config;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Work on at most N hosts at once (default: the config's, else 16).")
    Integer parallel;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = Converters.Age.class,
            description = "Give up connecting to a host after this long (default: the config's, else 10s).")
    Duration connectTimeout;

    @Option(names = "--command-timeout", paramLabel = "DURATION", converter = Converters.Age.class,
            description = "Give up on a host (and on one remote command) after this long (default: the config's, else 10m).")
    Duration commandTimeout;

    @Option(names = "--ssh", paramLabel = "CLIENT", converter = Converters.Ssh.class,
            completionCandidates = Converters.SshChoices.class,
            description = "The SSH client for remote hosts: openssh (the system's ssh, with all of ~/.ssh/config) or "
                    + "builtin (default: the host's or the config's, else openssh where ssh is installed).")
    SshClient ssh;

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "An Ansible inventory (INI, YAML, or the JSON of ansible-inventory --list) whose hosts and "
                    + "groups join the config's (default: the config's defaults.inventory).")
    Path inventory;

    @Option(names = "--mta", paramLabel = "MTA",
            description = "The MTA on the target: ${COMPLETION-CANDIDATES} (default: the config's, else detect it).")
    MtaChoice mta;

    @Option(names = "--sudo", description = "Run the MTA's commands through 'sudo -n'.")
    boolean sudo;

    @Option(names = "--postfix-config", paramLabel = "DIR",
            description = "Postfix configuration directory of the instance to use (passed as -c DIR).")
    String postfixConfig;

    @Option(names = "--exim-bin", paramLabel = "PATH", description = "Path of the exim binary (default: found in /usr/sbin).")
    String eximBinary;

    @Option(names = "--exim-config", paramLabel = "FILE", description = "Alternate Exim configuration file (passed as -C FILE).")
    String eximConfig;

    /** The hosts of this run, each ready to connect; close it to close every connection. */
    Fleet fleet(CliContext context) {
        return new FleetFactory(context, this).build();
    }

    /**
     * The config file this run reads (empty when there is none), read once per run by
     * {@link ConfigReads}: the fleet, the filters (--cause) and diagnose's rules all ask for it.
     */
    QctlConfig config(CliContext context) {
        return context.configs().get(config, inventory);
    }

    /**
     * The options a follow-up command needs to act where this one did: {@code -H host} (the given
     * one, or {@code host} when not null) and the MTA options given on the command line.
     */
    List<String> followUpWords(String host) {
        List<String> words = new ArrayList<>();
        if (config != null) {
            words.addAll(List.of("--config", config.toString()));
        }
        if (inventory != null) {
            words.addAll(List.of("--inventory", inventory.toString()));
        }
        if (host != null) {
            words.addAll(List.of("-H", host));
        } else if (allHosts) {
            words.add("--all-hosts");
        } else if (!hosts.isEmpty()) {
            words.addAll(List.of("-H", hostOption()));
        }
        if (sudo) {
            words.add("--sudo");
        }
        if (mta != null) {
            words.addAll(List.of("--mta", mta.name()));
        }
        if (ssh != null) {
            words.addAll(List.of("--ssh", ssh.label()));
        }
        addIfSet(words, "--postfix-config", postfixConfig);
        addIfSet(words, "--exim-bin", eximBinary);
        addIfSet(words, "--exim-config", eximConfig);
        return words;
    }

    private static void addIfSet(List<String> words, String option, String value) {
        if (value != null) {
            words.addAll(List.of(option, value));
        }
    }

    /** The -H words as one comma-separated value, or null when -H was not given. */
    String hostOption() {
        return hosts.isEmpty() ? null : String.join(",", hosts);
    }

    /** The per-host settings with every MTA option given on the command line put over them. */
    MtaSettings over(MtaSettings configured) {
        Mta chosen = mta == null ? configured.mta()
                : mta == MtaChoice.postfix ? Mta.POSTFIX : mta == MtaChoice.exim ? Mta.EXIM : null;
        return new MtaSettings(chosen,
                postfixConfig != null ? postfixConfig : configured.postfixConfig(),
                eximBinary != null ? eximBinary : configured.eximBinary(),
                eximConfig != null ? eximConfig : configured.eximConfig(), configured.eximSpoolReader(),
                configured.quarantineScript());
    }
}
