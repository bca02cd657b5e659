package dev.qctl.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two tree-shaped inventories: Ansible's YAML inventory ({@code all: {hosts: {name: {vars}},
 * children: {group: {…}}, vars: {…}}}) and the JSON that {@code ansible-inventory --list} (or a
 * dynamic inventory script) prints ({@code {"_meta": {"hostvars": {…}}, "group": {"hosts": [names],
 * "children": [names], "vars": {…}}}}).
 */
final class TreeInventory {
    private static final List<String> GROUP_KEYS = List.of("hosts", "children", "vars");

    private TreeInventory() {
    }

    static Inventory parse(JsonNode root, Path source) {
        if (root == null || root.isNull() || root.isMissingNode()) {
            return new InventoryBuilder(source).build();
        }
        if (!root.isObject()) {
            throw new ConfigException(source + ": an inventory is a mapping of group names to groups");
        }
        InventoryBuilder builder = new InventoryBuilder(source);
        if (isListLayout(root)) {
            listLayout(root, builder, source);
        } else {
            root.fields().forEachRemaining(e -> yamlGroup(e.getKey(), e.getValue(), builder, source));
        }
        return builder.build();
    }

    /** ansible-inventory --list: a _meta section, or groups whose hosts are a list of names. */
    private static boolean isListLayout(JsonNode root) {
        if (root.has("_meta")) {
            return true;
        }
        for (Iterator<JsonNode> it = root.elements(); it.hasNext(); ) {
            JsonNode g = it.next();
            if (g.isArray() || g.isObject() && (g.path("hosts").isArray() || g.path("children").isArray())) {
                return true;
            }
        }
        return false;
    }

    private static void yamlGroup(String name, JsonNode group, InventoryBuilder builder, Path source) {
        builder.group(name);
        if (group == null || group.isNull()) {
            return;
        }
        if (!group.isObject()) {
            throw new ConfigException(source + ": group '" + name + "' must be a mapping with hosts, children and vars");
        }
        group.fieldNames().forEachRemaining(key -> {
            if (!GROUP_KEYS.contains(key)) {
                throw new ConfigException(source + ": unknown key '" + key + "' in group '" + name + "' (known keys: "
                        + String.join(", ", GROUP_KEYS) + ")");
            }
        });
        JsonNode hosts = group.path("hosts");
        if (hosts.isObject()) {
            hosts.fields().forEachRemaining(h -> {
                for (String host : expand(h.getKey(), source)) {
                    builder.host(name, host, vars(h.getValue(), source, "host '" + h.getKey() + "'"));
                }
            });
        } else if (!hosts.isMissingNode() && !hosts.isNull()) {
            throw new ConfigException(source + ": hosts of group '" + name + "' must be a mapping of host names");
        }
        JsonNode children = group.path("children");
        if (children.isObject()) {
            children.fields().forEachRemaining(c -> {
                builder.child(name, c.getKey());
                yamlGroup(c.getKey(), c.getValue(), builder, source);
            });
        } else if (!children.isMissingNode() && !children.isNull()) {
            throw new ConfigException(source + ": children of group '" + name + "' must be a mapping of group names");
        }
        builder.groupVars(name, vars(group.path("vars"), source, "group '" + name + "'"));
    }

    private static void listLayout(JsonNode root, InventoryBuilder builder, Path source) {
        JsonNode hostvars = root.path("_meta").path("hostvars");
        root.fields().forEachRemaining(e -> {
            String name = e.getKey();
            if (name.equals("_meta")) {
                return;
            }
            JsonNode group = e.getValue();
            builder.group(name);
            JsonNode hosts = group.isArray() ? group : group.path("hosts"); // the old script format: a bare list
            for (JsonNode h : hosts) {
                builder.host(name, h.asText(), Map.of());
            }
            for (JsonNode c : group.path("children")) {
                builder.child(name, c.asText());
            }
            builder.groupVars(name, vars(group.path("vars"), source, "group '" + name + "'"));
        });
        hostvars.fields().forEachRemaining(h -> builder.host(InventoryBuilder.ALL, h.getKey(),
                vars(h.getValue(), source, "host '" + h.getKey() + "'")));
    }

    private static List<String> expand(String pattern, Path source) {
        try {
            return HostRanges.expand(pattern);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
    }

    /** The scalar variables (lists and mappings are not connection settings). */
    private static Map<String, String> vars(JsonNode node, Path source, String what) {
        Map<String, String> vars = new LinkedHashMap<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return vars;
        }
        if (!node.isObject()) {
            throw new ConfigException(source + ": the variables of " + what + " must be a mapping");
        }
        node.fields().forEachRemaining(v -> {
            if (v.getValue().isValueNode() && !v.getValue().isNull()) {
                vars.put(v.getKey(), v.getValue().asText());
            }
        });
        return vars;
    }
}
