package dev.qctl.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Message sizes as admins type them ({@code 500 10K 5M 1G}, powers of 1024) and show them. */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmg]?)i?b?");

    private Sizes() {
    }

    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size '" + text + "' (use e.g. 500, 10K, 5M, 1G)");
        }
        double n = Double.parseDouble(m.group(1));
        long unit = m.group(2).isEmpty() ? 1 : 1L << (10 * ("kmg".indexOf(m.group(2)) + 1));
        return Math.round(n * unit);
    }

    /** {@code 512}, {@code 4.2K}, {@code 5.0M}: like exim -bp, but from the exact byte count. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return Long.toString(bytes);
        }
        String units = "KMGT";
        double value = bytes;
        int i = -1;
        // 1023.5K and up would print as "1024K": go to the next unit first.
        while ((i < 0 ? value >= 1024 : value >= 1023.5) && i < units.length() - 1) {
            value /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f%c" : "%.0f%c", value, units.charAt(i));
    }
}
