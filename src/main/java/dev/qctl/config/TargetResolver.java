package dev.qctl.config;

import dev.qctl.exec.container.ContainerRef;
import dev.qctl.exec.openssh.OpenSshTarget;
import dev.qctl.exec.ssh.SshEndpoint;
import dev.qctl.mta.MtaSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns -H / --all-hosts into the ordered list of hosts to work on, without duplicates (by name: two
 * aliases of one server stay two hosts). Each word of {@code -H a,b,c} is {@code local}, an alias
 * from the config, {@code @group}, or {@code [ssh://][user@]host[:port]}; a host not in the config is
 * looked up in ~/.ssh/config like {@code ssh} would. Settings win in this order: the -H word, the
 * config file, ~/.ssh/config, the defaults (local user name, port 22). A word {@code docker:NAME},
 * {@code podman:NAME} or {@code kubectl:[NS/]POD[:C]} is a container on this machine; a configured
 * host with {@code container:} is that container on the host (over SSH, or here with {@code address: local}).
 */
public final class TargetResolver {
    private static final Path GLOBAL_KNOWN_HOSTS = Path.of("/etc/ssh/ssh_known_hosts");

    private final QctlConfig config;
    private final SshConfigFile sshConfig;
    private final Path home;
    private final Path sshDir;
    private final String localUser;

    public TargetResolver(QctlConfig config, SshConfigFile sshConfig, Path home, Path sshDir, String localUser) {
        this.config = config;
        this.sshConfig = sshConfig;
        this.home = home;
        this.sshDir = sshDir;
        this.localUser = localUser;
    }

    /**
     * @param hostOption the -H value, or null
     * @param allHosts   --all-hosts: every configured host (after those named by -H)
     */
    public List<ResolvedTarget> resolve(String hostOption, boolean allHosts) {
        Map<String, ResolvedTarget> targets = new LinkedHashMap<>();
        String option = hostOption;
        if (option == null && !allHosts) {
            option = config.defaults().target() != null ? config.defaults().target() : ResolvedTarget.LOCAL;
        }
        if (option != null) {
            for (String word : option.split(",", -1)) {
                String w = word.strip();
                if (w.isEmpty()) {
                    throw new ConfigException("empty host name in -H '" + hostOption + "'");
                }
                add(w, targets, new ArrayList<>());
            }
        }
        if (allHosts) {
            if (config.hosts().isEmpty()) {
                throw new ConfigException("--all-hosts: no hosts are configured"
                        + (config.source() == null ? " (no config file found)" : " in " + config.source()));
            }
            config.hosts().keySet().forEach(name -> targets.computeIfAbsent(name, this::alias));
        }
        return List.copyOf(targets.values());
    }

    private void add(String word, Map<String, ResolvedTarget> targets, List<String> groupPath) {
        if (word.startsWith("@")) {
            String group = word.substring(1);
            List<String> members = config.groups().get(group);
            if (members == null) {
                throw new ConfigException("unknown group '" + word + "'" + known(config.groups().keySet()));
            }
            if (groupPath.contains(group)) {
                return; // the config parser refuses cycles; this only guards against a hand-built config
            }
            groupPath.add(group);
            for (String member : members) {
                add(member, targets, groupPath);
            }
            groupPath.remove(groupPath.size() - 1);
        } else if (!targets.containsKey(word)) {
            targets.put(word, single(word));
        }
    }

    private static String known(java.util.Collection<String> names) {
        return names.isEmpty() ? " (none configured)" : " (configured: " + String.join(", ", names) + ")";
    }

    private ResolvedTarget single(String word) {
        if (word.equals(ResolvedTarget.LOCAL)) {
            return ResolvedTarget.local();
        }
        if (config.hosts().containsKey(word)) {
            return alias(word);
        }
        if (ContainerRef.looksLike(word)) {
            try {
                return ResolvedTarget.localContainer(ContainerRef.parse(word));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage(), e);
            }
        }
        TargetSpec spec = TargetSpec.parse(word);
        HostConfig host = config.hosts().get(spec.host()); // e.g. root@mx1 with mx1 configured
        return build(word, spec, host);
    }

    private ResolvedTarget alias(String name) {
        return build(name, new TargetSpec(null, name, null), config.hosts().get(name));
    }

    private ResolvedTarget build(String name, TargetSpec spec, HostConfig host) {
        if (host != null && host.container() != null && ResolvedTarget.LOCAL.equals(host.address())) {
            return new ResolvedTarget(name, null, null, null, mtaSettings(host), host.sudo(), host.container());
        }
        String lookup = host != null && host.address() != null ? host.address() : spec.host();
        SshHostSettings ssh = sshConfig.lookup(lookup);
        String address = host != null && host.address() != null ? host.address()
                : ssh.hostName() != null ? ssh.hostName() : spec.host();
        String user = first(spec.user(), host == null ? null : host.user(), ssh.user(), localUser);
        int port = first(spec.port(), host == null ? null : host.port(), ssh.port(), SshEndpoint.DEFAULT_PORT);
        List<Path> identities = host != null && host.identityFile() != null
                ? List.of(expand(host.identityFile())) : ssh.identityFiles();
        List<Path> knownHosts = new ArrayList<>(List.of(sshDir.resolve("known_hosts"), GLOBAL_KNOWN_HOSTS));
        if (host != null) {
            host.knownHosts().forEach(f -> knownHosts.add(expand(f)));
        }
        SshEndpoint endpoint = new SshEndpoint(name, address, port, user, identities, ssh.identitiesOnly(), knownHosts);
        MtaSettings mta = host == null ? MtaSettings.detect() : mtaSettings(host);
        SshClient client = host != null && host.ssh() != null ? host.ssh() : config.defaults().ssh();
        return new ResolvedTarget(name, endpoint, openSsh(name, spec, host), client, mta, host == null ? null : host.sudo(),
                host == null ? null : host.container());
    }

    private static MtaSettings mtaSettings(HostConfig host) {
        return new MtaSettings(host.mta(), host.postfixConfig(), host.eximBin(), host.eximConfig(), host.eximSpoolReader(),
                host.quarantineScript());
    }

    /** For the system's ssh only what qctl itself was told: ssh reads its own config for the rest. */
    private OpenSshTarget openSsh(String name, TargetSpec spec, HostConfig host) {
        String destination = host != null && host.address() != null ? host.address() : spec.host();
        String sshConfigFile = host != null && host.sshConfig() != null ? host.sshConfig() : config.defaults().sshConfig();
        return new OpenSshTarget(name, destination, first(spec.user(), host == null ? null : host.user()),
                first(spec.port(), host == null ? null : host.port()),
                host != null && host.identityFile() != null ? List.of(expand(host.identityFile())) : List.of(),
                host == null ? List.of() : host.knownHosts().stream().map(this::expand).toList(),
                sshConfigFile == null ? null : expand(sshConfigFile));
    }

    private Path expand(String file) {
        if (file.equals("~")) {
            return home;
        }
        if (file.startsWith("~/")) {
            return home.resolve(file.substring(2));
        }
        return home.resolve(file); // relative names are taken from the home directory, as ssh does
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
