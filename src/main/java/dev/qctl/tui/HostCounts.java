package dev.qctl.tui;

import dev.qctl.model.Sanitizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The per-host part of the status bar: "pf 3  ex 2  mx down", or compact "3 hosts, down: mx". */
final class HostCounts {
    private HostCounts() {
    }

    /** Every host with its count; a host whose queue could not be read says "down" instead. */
    static String each(Map<String, Integer> counts, Map<String, String> down) {
        List<String> parts = new ArrayList<>();
        counts.forEach((host, n) -> parts.add(Sanitizer.inline(host) + " " + (down.containsKey(host) ? "down" : n)));
        down.keySet().stream().filter(h -> !counts.containsKey(h)).forEach(h -> parts.add(Sanitizer.inline(h) + " down"));
        return String.join("  ", parts);
    }

    /** How many hosts, and which are down. */
    static String compact(Map<String, Integer> counts, Map<String, String> down) {
        long hosts = counts.size() + down.keySet().stream().filter(h -> !counts.containsKey(h)).count();
        String text = hosts + " hosts";
        if (!down.isEmpty()) {
            text += ", down: " + String.join(",", down.keySet().stream().map(Sanitizer::inline).toList());
        }
        return text;
    }
}
