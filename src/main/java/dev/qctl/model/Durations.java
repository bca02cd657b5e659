package dev.qctl.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as admins type them ({@code 90s 15m 2h 3d 1w}, combinable: {@code 1h30m}) and show them. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)([smhdw])");

    private Durations() {
    }

    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(t));
            }
            Matcher m = PART.matcher(t);
            long seconds = 0;
            int end = 0;
            while (m.find() && m.start() == end) {
                long n = Long.parseLong(m.group(1));
                seconds = Math.addExact(seconds, Math.multiplyExact(n, unitSeconds(m.group(2).charAt(0))));
                end = m.end();
            }
            if (!t.isEmpty() && end == t.length()) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid duration '" + text + "' (too long)");
        }
        throw new IllegalArgumentException("invalid duration '" + text + "' (use e.g. 90s, 15m, 2h, 3d, 1w, 1h30m)");
    }

    private static long unitSeconds(char unit) {
        switch (unit) {
            case 's': return 1;
            case 'm': return 60;
            case 'h': return 3600;
            case 'd': return 86_400;
            default: return 604_800;
        }
    }

    /** A short age for tables: {@code 45s}, {@code 8m}, {@code 3h}, {@code 2d} (rounded down). */
    public static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86_400) {
            return s / 3600 + "h";
        }
        return s / 86_400 + "d";
    }
}
