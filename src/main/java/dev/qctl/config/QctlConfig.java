package dev.qctl.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated config: hosts in file order, groups (members are host names or {@code @group}
 * references, all known, no cycles), defaults, and the user's rules for {@code qctl diagnose}.
 *
 * @param source    the file it came from, or null when no config file was found
 * @param inventory the Ansible inventory whose hosts and groups were added, or null
 * @param actions   the {@code actions:} section (the quarantine's defaults)
 */
public record QctlConfig(Path source, Defaults defaults, Map<String, HostConfig> hosts,
                         Map<String, List<String>> groups, List<DiagnoseRule> diagnoseRules, Path inventory,
                         ActionDefaults actions) {
    public QctlConfig {
        defaults = defaults == null ? Defaults.NONE : defaults;
        actions = actions == null ? ActionDefaults.NONE : actions;
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        diagnoseRules = diagnoseRules == null ? List.of() : List.copyOf(diagnoseRules);
    }

    public QctlConfig(Path source, Defaults defaults, Map<String, HostConfig> hosts, Map<String, List<String>> groups) {
        this(source, defaults, hosts, groups, List.of(), null, null);
    }

    public QctlConfig(Path source, Defaults defaults, Map<String, HostConfig> hosts, Map<String, List<String>> groups,
                      List<DiagnoseRule> diagnoseRules) {
        this(source, defaults, hosts, groups, diagnoseRules, null, null);
    }

    public static QctlConfig empty() {
        return new QctlConfig(null, Defaults.NONE, Map.of(), Map.of());
    }

    public Optional<HostConfig> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }
}
