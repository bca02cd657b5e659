package dev.qctl.exec.openssh;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code ssh -G} says it would use for a host: the user's ssh_config in full (Host and Match
 * blocks, Include) already applied by ssh itself. qctl reads only what it needs to decide on its own
 * ControlMaster, extra known_hosts files, and what its messages name.
 */
record EffectiveConfig(Map<String, String> values) {

    static EffectiveConfig parse(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            int space = l.indexOf(' ');
            if (space > 0) {
                // The first line of a key wins: ssh -G prints e.g. one identityfile line per key.
                values.putIfAbsent(l.substring(0, space).toLowerCase(Locale.ROOT), l.substring(space + 1).strip());
            }
        }
        return new EffectiveConfig(Map.copyOf(values));
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    String hostName(String fallback) {
        return get("hostname", fallback);
    }

    String port() {
        return get("port", "22");
    }

    String user(String fallback) {
        return get("user", fallback);
    }

    /** The user's ssh_config sets up multiplexing of its own: qctl then uses it instead of its own master. */
    boolean userMultiplexes() {
        String path = get("controlpath", "none");
        String master = get("controlmaster", "false");
        return !path.equalsIgnoreCase("none") && !master.equalsIgnoreCase("false") && !master.equalsIgnoreCase("no");
    }

    /** UserKnownHostsFile as ssh would read it (ssh expands ~ itself when it gets the list back). */
    List<String> userKnownHostsFiles() {
        String files = get("userknownhostsfile", "~/.ssh/known_hosts ~/.ssh/known_hosts2");
        return List.of(files.split("\\s+"));
    }

    boolean keepsAlive() {
        return !get("serveraliveinterval", "0").equals("0");
    }
}
