package dev.qctl.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hosts and groups of an Ansible inventory, as qctl uses them: each host with the connection
 * settings its variables give (after Ansible's precedence: all, then parent groups before child
 * groups, then the host's own), each group with its hosts and child groups ({@code @child}).
 *
 * @param hosts  host name → its settings as a HostConfig (address, port, user, identity file)
 * @param groups group name → members: host names and {@code @group} references
 */
public record Inventory(Path source, Map<String, HostConfig> hosts, Map<String, List<String>> groups) {
    public static final Inventory NONE = new Inventory(null, Map.of(), Map.of());

    public Inventory {
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }
}
