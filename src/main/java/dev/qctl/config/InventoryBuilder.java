package dev.qctl.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects what an inventory file says (hosts per group, child groups, group and host variables)
 * in any of its formats, and resolves it into an {@link Inventory}. Of the variables only the
 * connection ones matter to qctl: ansible_host, ansible_port, ansible_user (and their older
 * ansible_ssh_* names) and ansible_ssh_private_key_file; templates ({{ … }}) are taken literally.
 */
final class InventoryBuilder {
    static final String ALL = "all";
    static final String UNGROUPED = "ungrouped";

    private final Path source;
    private final Map<String, Map<String, String>> hostVars = new LinkedHashMap<>();
    private final Map<String, Set<String>> groupHosts = new LinkedHashMap<>();
    private final Map<String, Set<String>> children = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> groupVars = new HashMap<>();

    InventoryBuilder(Path source) {
        this.source = source;
    }

    void group(String group) {
        groupHosts.computeIfAbsent(group, g -> new LinkedHashSet<>());
        children.computeIfAbsent(group, g -> new LinkedHashSet<>());
    }

    void host(String group, String host, Map<String, String> vars) {
        group(group);
        groupHosts.get(group).add(host);
        hostVars.computeIfAbsent(host, h -> new LinkedHashMap<>()).putAll(vars);
    }

    void child(String parent, String child) {
        group(parent);
        group(child);
        children.get(parent).add(child);
    }

    void groupVars(String group, Map<String, String> vars) {
        group(group);
        groupVars.computeIfAbsent(group, g -> new LinkedHashMap<>()).putAll(vars);
    }

    Inventory build() {
        group(ALL);
        Map<String, Integer> depth = depths();
        Set<String> grouped = new LinkedHashSet<>();
        groupHosts.forEach((g, hs) -> {
            if (!g.equals(ALL) && !g.equals(UNGROUPED)) {
                grouped.addAll(hs);
            }
        });
        for (String host : hostVars.keySet()) {
            if (!grouped.contains(host)) {
                host(UNGROUPED, host, Map.of());
            }
        }
        Map<String, HostConfig> hosts = new LinkedHashMap<>();
        for (String host : hostVars.keySet()) {
            hosts.put(host, settings(host, varsOf(host, depth)));
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        // all: every host, in the order the file names them.
        groups.put(ALL, new ArrayList<>(hostVars.keySet()));
        groupHosts.forEach((g, hs) -> {
            if (!g.equals(ALL)) {
                List<String> members = new ArrayList<>(hs);
                children.get(g).forEach(c -> members.add("@" + c));
                groups.put(g, members);
            }
        });
        return new Inventory(source, hosts, groups);
    }

    /** Distance from all: a child group's variables override its parents'. Refuses a group that contains itself. */
    private Map<String, Integer> depths() {
        Map<String, Integer> depth = new HashMap<>();
        for (String g : groupHosts.keySet()) {
            depth(g, depth, new ArrayList<>());
        }
        return depth;
    }

    private int depth(String group, Map<String, Integer> known, List<String> path) {
        if (known.containsKey(group)) {
            return known.get(group);
        }
        if (path.contains(group)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(group), path.size()));
            cycle.add(group);
            throw new ConfigException(source + ": group '" + group + "' contains itself: " + String.join(" -> ", cycle));
        }
        path.add(group);
        int d = group.equals(ALL) ? 0 : 1;
        for (Map.Entry<String, Set<String>> e : children.entrySet()) {
            if (e.getValue().contains(group)) {
                d = Math.max(d, depth(e.getKey(), known, path) + 1);
            }
        }
        path.remove(path.size() - 1);
        known.put(group, d);
        return d;
    }

    private Map<String, String> varsOf(String host, Map<String, Integer> depth) {
        Set<String> groups = new LinkedHashSet<>();
        groups.add(ALL);
        groupHosts.forEach((g, hs) -> {
            if (hs.contains(host)) {
                ancestors(g, groups);
            }
        });
        List<String> ordered = new ArrayList<>(groups);
        ordered.sort(Comparator.comparing((String g) -> depth.getOrDefault(g, 1)).thenComparing(g -> g));
        Map<String, String> vars = new HashMap<>();
        for (String g : ordered) {
            vars.putAll(groupVars.getOrDefault(g, Map.of()));
        }
        vars.putAll(hostVars.get(host));
        return vars;
    }

    private void ancestors(String group, Set<String> into) {
        if (!into.add(group)) {
            return;
        }
        children.forEach((parent, cs) -> {
            if (cs.contains(group)) {
                ancestors(parent, into);
            }
        });
    }

    private HostConfig settings(String host, Map<String, String> vars) {
        String address = first(vars, "ansible_host", "ansible_ssh_host");
        String portText = first(vars, "ansible_port", "ansible_ssh_port");
        Integer port = null;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText.strip());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new ConfigException(source + ": host '" + host + "': ansible_port must be a number from 1 to "
                        + "65535, not '" + portText + "'");
            }
        }
        return new HostConfig(host, address, port, first(vars, "ansible_user", "ansible_ssh_user"),
                first(vars, "ansible_ssh_private_key_file", "ansible_private_key_file"), null, null, null, null, null,
                List.of());
    }

    private static String first(Map<String, String> vars, String... names) {
        for (String n : names) {
            String v = vars.get(n);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }
}
