package dev.qctl.model;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Delivery to one destination domain stopped on purpose ({@code qctl suspend}): since when, until
 * when (null: until resumed), why and by whom ({@code since} is null for an entry written by hand). The values are checked here, once, because they end
 * up in an MTA's lookup table and in the queue's delay reasons.
 */
public record Suspension(String domain, Instant since, Instant until, String reason, String by) {
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    public static final int MAX_REASON = 200;

    public Suspension {
        domain = domain(domain);
        reason = reason(reason);
        by = USER.matcher(by == null ? "" : by).matches() ? by : "unknown";
        if (until != null && since != null && !until.isAfter(since)) {
            throw new IllegalArgumentException("a suspension must end after it starts");
        }
    }

    /** Whether its time is over at {@code now} (a suspension without an end never is). */
    public boolean expired(Instant now) {
        return until != null && !until.isAfter(now);
    }

    /** A destination domain as the MTAs' tables key it: lower case, no trailing dot, letters, digits, '-', '.'. */
    public static String domain(String text) {
        String d = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.length() > 253 || !DOMAIN.matcher(d).matches()) {
            throw new IllegalArgumentException("invalid domain '" + Sanitizer.inline(text)
                    + "': give a destination domain such as example.com");
        }
        return d;
    }

    /**
     * A reason as it will show in the queue: printable ASCII (the MTAs' tables and the queue's delay
     * reasons are ASCII), at most {@value #MAX_REASON} characters, not starting with a quote (Exim's
     * lsearch would strip it). An empty reason becomes "suspended".
     */
    public static String reason(String text) {
        String r = text == null ? "" : text.strip();
        if (r.isEmpty()) {
            return "suspended";
        }
        if (r.length() > MAX_REASON || !r.chars().allMatch(c -> c >= 0x20 && c < 0x7f) || r.startsWith("\"")) {
            throw new IllegalArgumentException("invalid --reason: use printable ASCII, at most " + MAX_REASON
                    + " characters, not starting with a quote");
        }
        return r;
    }
}
