package dev.qctl.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's host ranges: {@code web[01:03].example.com} is web01, web02 and web03 (leading zeros kept
 * at the width of the start), {@code db-[a:c]} is db-a, db-b and db-c, {@code [1:9:2]} takes every
 * second number. A name may hold several ranges.
 */
final class HostRanges {
    private static final Pattern RANGE = Pattern.compile("\\[([0-9]+|[a-zA-Z]):([0-9]+|[a-zA-Z])(?::([0-9]+))?]");
    static final int LIMIT = 100_000;

    private HostRanges() {
    }

    static List<String> expand(String pattern) {
        Matcher m = RANGE.matcher(pattern);
        if (!m.find()) {
            return List.of(pattern);
        }
        String head = pattern.substring(0, m.start());
        List<String> tails = expand(pattern.substring(m.end()));
        String from = m.group(1);
        String to = m.group(2);
        int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        if (step < 1) {
            throw new IllegalArgumentException("host range " + m.group() + ": the step must be at least 1");
        }
        List<String> values = new ArrayList<>();
        boolean numeric = Character.isDigit(from.charAt(0));
        if (numeric != Character.isDigit(to.charAt(0))) {
            throw new IllegalArgumentException("host range " + m.group() + " mixes a number and a letter");
        }
        long start = numeric ? Long.parseLong(from) : from.charAt(0);
        long end = numeric ? Long.parseLong(to) : to.charAt(0);
        if (end < start) {
            throw new IllegalArgumentException("host range " + m.group() + " ends before it starts");
        }
        for (long i = start; i <= end; i += step) {
            values.add(numeric ? String.format("%0" + from.length() + "d", i) : String.valueOf((char) i));
            if (values.size() * (long) tails.size() > LIMIT) {
                throw new IllegalArgumentException("host range " + pattern + " names more than " + LIMIT + " hosts");
            }
        }
        List<String> names = new ArrayList<>();
        for (String v : values) {
            for (String tail : tails) {
                names.add(head + v + tail);
            }
        }
        return names;
    }
}
