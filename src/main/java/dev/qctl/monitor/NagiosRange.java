package dev.qctl.monitor;

import java.util.function.ToDoubleFunction;

/**
 * A threshold range in the monitoring-plugins syntax: {@code 10} (alert outside 0..10),
 * {@code 10:} (below 10), {@code ~:10} (above 10), {@code 10:20} (outside 10..20) and
 * {@code @10:20} (inside 10..20). Bounds go through a parser so {@code oldest-age} can take
 * {@code 2h}.
 */
public record NagiosRange(String text, double start, double end, boolean inside) {

    public static NagiosRange parse(String text, ToDoubleFunction<String> number) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty threshold range");
        }
        boolean inside = t.startsWith("@");
        if (inside) {
            t = t.substring(1);
        }
        double start = 0;
        double end;
        int colon = t.indexOf(':');
        try {
            if (colon < 0) {
                end = number.applyAsDouble(t);
            } else {
                String low = t.substring(0, colon);
                String high = t.substring(colon + 1);
                start = low.equals("~") ? Double.NEGATIVE_INFINITY : low.isEmpty() ? 0 : number.applyAsDouble(low);
                end = high.isEmpty() ? Double.POSITIVE_INFINITY : number.applyAsDouble(high);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid threshold range '" + text + "' (use e.g. 10, 10:, ~:10, 10:20, @10:20)");
        }
        if (start > end) {
            throw new IllegalArgumentException("invalid threshold range '" + text + "': start is above end");
        }
        return new NagiosRange(text.strip(), start, end, inside);
    }

    /** The range with plain numbers (oldest-age in seconds), as perfdata wants it. */
    public String perfText() {
        String low = start == Double.NEGATIVE_INFINITY ? "~" : number(start);
        String text;
        if (end == Double.POSITIVE_INFINITY) {
            text = low + ":";
        } else if (start == 0) {
            text = number(end);
        } else {
            text = low + ":" + number(end);
        }
        return (inside ? "@" : "") + text;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** Whether a value raises the alert this range stands for. */
    public boolean alerts(double value) {
        boolean within = value >= start && value <= end;
        return inside == within;
    }
}
