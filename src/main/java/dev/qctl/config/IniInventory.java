package dev.qctl.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Ansible's INI inventory: host lines ({@code name [key=value …]}, optionally {@code name:port}, with
 * ranges such as {@code web[01:03]}) before any section (ungrouped) or under {@code [group]};
 * {@code [group:vars]} with one {@code key=value} per line; {@code [group:children]} with one group
 * per line. Comments start with {@code #} or {@code ;}. Values may be quoted.
 */
final class IniInventory {
    private static final Pattern NAME = Pattern.compile("[^\\s\\[\\]:]+");
    private static final Pattern HOST_PORT = Pattern.compile("(.+):([0-9]+)");

    private enum Kind { HOSTS, VARS, CHILDREN }

    private IniInventory() {
    }

    static Inventory parse(String text, Path source) {
        InventoryBuilder builder = new InventoryBuilder(source);
        String group = InventoryBuilder.UNGROUPED;
        Kind kind = Kind.HOSTS;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int lineNo = i + 1;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            try {
                if (line.startsWith("[")) {
                    if (!line.endsWith("]")) {
                        throw new IllegalArgumentException("a section header ends with ']'");
                    }
                    String header = line.substring(1, line.length() - 1).strip();
                    int colon = header.indexOf(':');
                    group = colon < 0 ? header : header.substring(0, colon);
                    String suffix = colon < 0 ? "" : header.substring(colon + 1);
                    kind = switch (suffix) {
                        case "" -> Kind.HOSTS;
                        case "vars" -> Kind.VARS;
                        case "children" -> Kind.CHILDREN;
                        default -> throw new IllegalArgumentException("unknown section [" + header
                                + "] (known: [group], [group:vars], [group:children])");
                    };
                    if (!NAME.matcher(group).matches()) {
                        throw new IllegalArgumentException("'" + group + "' is not a group name");
                    }
                    builder.group(group);
                    continue;
                }
                switch (kind) {
                    case HOSTS -> hostLine(builder, group, line);
                    case VARS -> {
                        int eq = line.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("expected key=value in [" + group + ":vars]");
                        }
                        builder.groupVars(group, Map.of(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip())));
                    }
                    case CHILDREN -> {
                        String child = words(line).get(0);
                        if (!NAME.matcher(child).matches()) {
                            throw new IllegalArgumentException("'" + child + "' is not a group name");
                        }
                        builder.child(group, child);
                    }
                    default -> throw new IllegalStateException();
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source + ":" + lineNo + ": " + e.getMessage());
            }
        }
        return builder.build();
    }

    private static void hostLine(InventoryBuilder builder, String group, String line) {
        List<String> words = words(line);
        if (words.isEmpty()) {
            return; // only a comment
        }
        String pattern = words.get(0);
        Map<String, String> vars = new LinkedHashMap<>();
        for (String w : words.subList(1, words.size())) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value after the host name, not '" + w + "'");
            }
            vars.put(w.substring(0, eq), w.substring(eq + 1));
        }
        var hostPort = HOST_PORT.matcher(pattern);
        if (hostPort.matches() && !hostPort.group(1).replaceAll("\\[[^\\]]*]", "").contains(":")) { // not IPv6
            pattern = hostPort.group(1);
            vars.putIfAbsent("ansible_port", hostPort.group(2));
        }
        for (String host : HostRanges.expand(pattern)) {
            builder.host(group, host, vars);
        }
    }

    /** Splits at blanks as a shell would (quotes keep blanks; # starts a comment between words). */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder current = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                current = current == null ? new StringBuilder() : current;
            } else if (Character.isWhitespace(c)) {
                if (current != null) {
                    words.add(current.toString());
                    current = null;
                }
            } else if (c == '#' && current == null) {
                break;
            } else {
                current = current == null ? new StringBuilder() : current;
                current.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote");
        }
        if (current != null) {
            words.add(current.toString());
        }
        return words;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        int hash = value.indexOf(" #");
        return hash >= 0 ? value.substring(0, hash).strip() : value;
    }
}
