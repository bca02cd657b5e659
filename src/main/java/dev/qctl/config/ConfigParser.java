package dev.qctl.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Map;
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
        if (text.isBlank()) {
            return new QctlConfig(source, Defaults.NONE, Map.of(), Map.of());
        }
        RawConfig raw;
        try {
            JsonNode tree = YAML.readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return new QctlConfig(source, Defaults.NONE, Map.of(), Map.of()); // only comments
            }
            raw = YAML.readValue(text, RawConfig.class);
        } catch (UnrecognizedPropertyException e) {
            // Jackson reports where the value ends; point at the key itself.
            throw new ConfigException(where(source, KeyLocator.locate(YAML, text, e.getPath(), e.getLocation()))
                    + describe(e), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(where(source, e.getLocation()) + describe(e), e);
        }
        if (raw == null) {
            return new QctlConfig(source, Defaults.NONE, Map.of(), Map.of());
        }
        Map<String, HostConfig> hosts = hosts(raw);
        Map<String, List<String>> groups = new GroupChecker(source, hosts.keySet(), raw.groups()).check();
        return new QctlConfig(source, defaults(source, raw.defaults()), hosts, groups,
                DiagnoseRules.check(source, raw.diagnose()));
    }

    private static Map<String, HostConfig> hosts(RawConfig raw) {
        Map<String, HostConfig> hosts = new LinkedHashMap<>();
        if (raw.hosts() != null) {
            raw.hosts().forEach((name, h) -> hosts.put(name, host(name, h == null ? emptyHost() : h)));
        }
        return hosts;
    }

    private static RawHost emptyHost() {
        return new RawHost(null, null, null, null, null, null, null, null, null, null, null);
    }

    private static HostConfig host(String name, RawHost h) {
        return new HostConfig(name, h.address(), h.port(), h.user(), h.identityFile(),
                h.mta() == null ? null : h.mta().mta(), h.sudo(), h.postfixConfig(), h.eximBin(), h.eximConfig(),
                h.knownHosts(), h.eximSpoolReader());
    }

    private static Defaults defaults(Path source, RawDefaults d) {
        if (d == null) {
            return Defaults.NONE;
        }
        return new Defaults(d.output(), d.parallel(), d.connectTimeout(), d.commandTimeout(), d.target());
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
        private final Map<String, List<String>> checked = new LinkedHashMap<>();

        GroupChecker(Path source, Collection<String> hosts, Map<String, RawGroup> groups) {
            this.source = source;
            this.hosts = hosts;
            this.groups = groups == null ? Map.of() : groups;
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
            if (n.startsWith("@") && groups.containsKey(n.substring(1))) {
                return n;
            }
            if (!n.startsWith("@") && hosts.contains(n)) {
                return n;
            }
            if (!n.startsWith("@") && groups.containsKey(n)) {
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
            for (String member : checked.get(group)) {
                if (member.startsWith("@")) {
                    visit(member.substring(1), path);
                }
            }
            path.remove(path.size() - 1);
        }
    }
}
