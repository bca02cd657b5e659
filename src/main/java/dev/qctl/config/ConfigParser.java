package dev.qctl.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.qctl.config.RawConfig.RawDefaults;
import dev.qctl.config.RawConfig.RawGroup;
import dev.qctl.config.RawConfig.RawHost;
import dev.qctl.config.RawConfig.Ref;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Turns the YAML text into a validated {@link QctlConfig}, or one error line that says where and what. */
public final class ConfigParser {
    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ConfigParser() {
    }

    /** @param source the file name for messages */
    public static QctlConfig parse(String text, Path source) {
        return parse(text, source, null, Path.of(System.getProperty("user.home")));
    }

    /**
     * @param inventory an inventory named on the command line (wins over defaults.inventory), or null
     * @param home      for ~ in file names
     */
    public static QctlConfig parse(String text, Path source, Path inventory, Path home) {
        RawConfig raw = text.isBlank() ? null : read(text, source);
        if (raw == null) {
            raw = new RawConfig(null, null, null, null, null, null);
        }
        Path inventoryFile = inventory != null ? inventory : inventoryOf(raw.defaults(), source, home);
        Inventory inv = inventoryFile == null ? Inventory.NONE : InventoryReader.read(inventoryFile);
        Map<String, HostConfig> configured = hosts(raw);
        Set<String> allHosts = new LinkedHashSet<>(inv.hosts().keySet());
        allHosts.addAll(configured.keySet());
        Map<String, List<String>> groups = new LinkedHashMap<>(inv.groups());
        Map<String, List<String>> own = new GroupChecker(source, allHosts, raw.groups(), inv.groups().keySet()).check();
        own.forEach((name, members) -> {
            groups.remove(name); // the config's definition of a group wins over the inventory's
            groups.put(name, members);
        });
        Map<String, HostConfig> groupSettings = groupSettings(source, raw, groups, inventoryFile != null);
        Map<String, HostConfig> hosts = new LinkedHashMap<>();
        for (String name : allHosts) {
            HostConfig host = configured.getOrDefault(name, bare(name));
            for (Map.Entry<String, HostConfig> g : groupSettings.entrySet()) {
                if (members(g.getKey(), groups, new LinkedHashSet<>()).contains(name)) {
                    host = host.orElse(g.getValue());
                }
            }
            hosts.put(name, host.orElse(inv.hosts().get(name)));
        }
        return new QctlConfig(source, defaults(source, raw.defaults()), hosts, groups,
                DiagnoseRules.check(source, raw.diagnose()), inv.source(), actions(raw.actions()));
    }

    private static ActionDefaults actions(RawConfig.RawActions a) {
        return a == null ? ActionDefaults.NONE : new ActionDefaults(a.quarantine(), blankToNull(a.quarantineDir()),
                a.quarantineRetention(), a.quarantineMaxSize(), a.quarantineMinFree());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static RawConfig read(String text, Path source) {
        try (JsonParser parser = YAML.createParser(text)) {
            if (parser.nextToken() == null) {
                return null; // only comments (one pass: the YAML is read once, at every start of qctl)
            }
            return YAML.readValue(parser, RawConfig.class); // null for a document that is only null
        } catch (UnrecognizedPropertyException e) {
            // Jackson reports where the value ends; point at the key itself.
            throw new ConfigException(where(source, KeyLocator.locate(YAML, text, e.getPath(), e.getLocation()))
                    + describe(e), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(where(source, e.getLocation()) + describe(e), e);
        } catch (java.io.IOException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e); // a String is read without I/O: not expected
        }
    }

    /** defaults.inventory: ~ is the home directory, a relative name is taken from the config file's directory. */
    private static Path inventoryOf(RawDefaults defaults, Path source, Path home) {
        if (defaults == null || defaults.inventory() == null || defaults.inventory().isBlank()) {
            return null;
        }
        String name = defaults.inventory().strip();
        if (name.equals("~") || name.startsWith("~/")) {
            return home.resolve(name.length() == 1 ? "" : name.substring(2));
        }
        Path p = Path.of(name);
        Path dir = source == null || source.toAbsolutePath().getParent() == null ? Path.of(".")
                : source.toAbsolutePath().getParent();
        return p.isAbsolute() ? p : dir.resolve(p);
    }

    /**
     * group_settings: settings for every host of a group. Without an inventory each must name a group
     * of the config; with one, a group the inventory lacks is left out (one config may serve several
     * inventories).
     */
    private static Map<String, HostConfig> groupSettings(Path source, RawConfig raw, Map<String, List<String>> groups,
                                                         boolean inventory) {
        Map<String, HostConfig> settings = new LinkedHashMap<>();
        if (raw.groupSettings() == null) {
            return settings;
        }
        raw.groupSettings().forEach((name, h) -> {
            String group = name.startsWith("@") ? name.substring(1) : name;
            if (!groups.containsKey(group) && inventory) {
                return;
            }
            if (!groups.containsKey(group)) {
                throw new ConfigException((source == null ? "config" : source) + ": group_settings names '" + name
                        + "', which is not a group" + (groups.isEmpty() ? "" : " (groups: " + String.join(", ", groups.keySet()) + ")"));
            }
            if (h != null && (h.address() != null || h.port() != null)) {
                throw new ConfigException((source == null ? "config" : source) + ": group_settings." + name
                        + ": address and port belong to one host, not a group");
            }
            settings.put(group, host(group, h == null ? emptyHost() : h));
        });
        return settings;
    }

    /** Every host of a group, through its child groups. */
    private static Set<String> members(String group, Map<String, List<String>> groups, Set<String> seen) {
        Set<String> hosts = new LinkedHashSet<>();
        if (!seen.add(group)) {
            return hosts;
        }
        for (String m : groups.getOrDefault(group, List.of())) {
            if (m.startsWith("@")) {
                hosts.addAll(members(m.substring(1), groups, seen));
            } else {
                hosts.add(m);
            }
        }
        return hosts;
    }

    private static HostConfig bare(String name) {
        return host(name, emptyHost());
    }

    private static Map<String, HostConfig> hosts(RawConfig raw) {
        Map<String, HostConfig> hosts = new LinkedHashMap<>();
        if (raw.hosts() != null) {
            raw.hosts().forEach((name, h) -> hosts.put(name, host(name, h == null ? emptyHost() : h)));
        }
        return hosts;
    }

    private static RawHost emptyHost() {
        return new RawHost(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static HostConfig host(String name, RawHost h) {
        return new HostConfig(name, h.address(), h.port(), h.user(), h.identityFile(),
                h.mta() == null ? null : h.mta().mta(), h.sudo(), h.postfixConfig(), h.eximBin(), h.eximConfig(),
                h.knownHosts(), h.container(), h.ssh(), h.sshConfig(), h.eximSpoolReader(), h.quarantineScript());
    }

    private static Defaults defaults(Path source, RawDefaults d) {
        if (d == null) {
            return Defaults.NONE;
        }
        return new Defaults(d.output(), d.parallel(), d.connectTimeout(), d.commandTimeout(), d.target(), d.ssh(),
                d.sshConfig(), d.inventory());
    }

    static String where(Path source, JsonLocation location) {
        String file = source == null ? "config" : source.toString();
        if (location == null || location.getLineNr() < 1) {
            return file + ": ";
        }
        return file + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
    }

    static String where(Path source, int line, int column) {
        return (source == null ? "config" : source.toString()) + ":" + line + ":" + column + ": ";
    }

    /** Jackson's messages name Java classes; these name the config's keys and the expected kind of value. */
    private static String describe(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? path(m) : "";
        String at = path.isEmpty() ? "" : path + ": ";
        if (e instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds();
            String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
            return "unknown key '" + u.getPropertyName() + "'" + (parent.isEmpty() ? "" : " in " + parent)
                    + (known == null ? "" : " (known keys: " + String.join(", ", names(known)) + ")");
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null
                && !m.getOriginalMessage().startsWith("expected") && !m.getOriginalMessage().contains(" must ")
                && !m.getOriginalMessage().startsWith("a group")) {
            return at + "expected " + kind(m.getTargetType());
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof IllegalArgumentException iae) {
            return at + iae.getMessage();
        }
        String message = e.getOriginalMessage();
        int nl = message.indexOf('\n');
        return at + (nl > 0 ? message.substring(0, nl) : message).strip();
    }

    private static List<String> names(Collection<Object> known) {
        return new ArrayList<>(new TreeSet<>(known.stream().map(String::valueOf).toList()));
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String kind(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single value (text)";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of keys to values";
    }

    /** Group members must name a host or a group, and no group may contain itself. */
    private static final class GroupChecker {
        private final Path source;
        private final Collection<String> hosts;
        private final Map<String, RawGroup> groups;
        private final Collection<String> inventoryGroups;
        private final Map<String, List<String>> checked = new LinkedHashMap<>();

        /** @param inventoryGroups the inventory's groups, which the config's may name */
        GroupChecker(Path source, Collection<String> hosts, Map<String, RawGroup> groups, Collection<String> inventoryGroups) {
            this.source = source;
            this.hosts = hosts;
            this.groups = groups == null ? Map.of() : groups;
            this.inventoryGroups = inventoryGroups;
        }

        private boolean known(String group) {
            return groups.containsKey(group) || inventoryGroups.contains(group);
        }

        Map<String, List<String>> check() {
            groups.forEach((name, group) -> {
                if (hosts.contains(name)) {
                    throw new ConfigException(where(source, group.line(), group.column()) + "'" + name
                            + "' is both a host and a group; give them different names");
                }
                List<String> members = new ArrayList<>();
                for (Ref ref : group.members()) {
                    members.add(resolve(name, ref));
                }
                checked.put(name, members);
            });
            groups.keySet().forEach(name -> visit(name, new ArrayList<>()));
            return checked;
        }

        /** A member is a host name, {@code @group}, or a bare group name; stored as host name or @group. */
        private String resolve(String group, Ref ref) {
            String n = ref.name();
            if (n.startsWith("@") && known(n.substring(1))) {
                return n;
            }
            if (!n.startsWith("@") && hosts.contains(n)) {
                return n;
            }
            if (!n.startsWith("@") && known(n)) {
                return "@" + n;
            }
            String what = n.startsWith("@") ? "an unknown group" : "neither a configured host nor a group";
            throw new ConfigException(where(source, ref.line(), ref.column()) + "group '" + group + "' names '" + n
                    + "', " + what);
        }

        private void visit(String group, List<String> path) {
            if (path.contains(group)) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(group), path.size()));
                cycle.add(group);
                RawGroup g = groups.get(group);
                throw new ConfigException(where(source, g.line(), g.column()) + "group '" + group
                        + "' contains itself: " + String.join(" -> ", cycle));
            }
            path.add(group);
            for (String member : checked.getOrDefault(group, List.of())) {
                if (member.startsWith("@") && groups.containsKey(member.substring(1))) {
                    visit(member.substring(1), path);
                }
            }
            path.remove(path.size() - 1);
        }
    }
}
