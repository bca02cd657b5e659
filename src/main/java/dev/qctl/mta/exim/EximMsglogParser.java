package dev.qctl.mta.exim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the last deferral reason per address from an Exim message log (msglog). Exim writes a
 * deferral there as (verified on Exim 4.96; unlike the main log there is no {@code ==} marker):
 * <pre>
 *   2026-11-27 23:46:41 bob@example.com R=closed_relay T=remote_smtp defer (111): Connection refused DT=0s
 *   2026-11-27 23:46:41 grace@full.test R=full defer (-1) DT=0s: 4.2.2 Mailbox full
 *   2026-11-27 23:46:41 child@example.com &lt;parent@example.com&gt; R=... T=... defer (-44) H=mx [192.0.2.1]: SMTP error ...
 * </pre>
 * The reason is everything after {@code defer (N)} (host and remote answer included) without the
 * {@code DT=} timing that log_selector may add; {@code defer (N)} itself when nothing follows.
 * A child address (from an alias or forward) counts for its parents too.
 */
public final class EximMsglogParser {
    private static final Pattern TIMESTAMP = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?: [-+]\\d{4})? (?:\\[\\d+\\] )?(?:== )?");
    private static final Pattern DEFER = Pattern.compile(" defer \\((-?\\d+)\\)");
    private static final Pattern TIMING = Pattern.compile("(?:^| )DT=\\S+");

    private final Map<String, String> exact = new HashMap<>();
    private final Map<String, String> folded = new HashMap<>();

    /** Feeds one msglog line (without its newline), in file order. */
    public void accept(String line) {
        Matcher ts = TIMESTAMP.matcher(line);
        if (!ts.find()) {
            return;
        }
        String rest = line.substring(ts.end());
        Matcher defer = DEFER.matcher(rest);
        if (!defer.find()) {
            return;
        }
        List<String> addresses = addressesOf(rest.substring(0, defer.start()));
        if (addresses.isEmpty()) {
            return;
        }
        String reason = reasonOf(rest.substring(defer.end()), defer.group(1));
        for (String address : addresses) {
            exact.put(address, reason);
            folded.put(address.toLowerCase(Locale.ROOT), reason);
        }
    }

    public static EximMsglogParser of(Iterable<String> lines) {
        EximMsglogParser parser = new EximMsglogParser();
        for (String line : lines) {
            parser.accept(line);
        }
        return parser;
    }

    /** The last deferral reason logged for this recipient, or null. */
    public String lastDeferReason(String recipient) {
        String reason = exact.get(recipient);
        return reason != null ? reason : folded.get(recipient.toLowerCase(Locale.ROOT));
    }

    /** The logged address and any {@code <parent>} after it; stops at the first field (R=, T=, ...). */
    private static List<String> addressesOf(String prefix) {
        List<String> addresses = new ArrayList<>(2);
        int i = 0;
        int n = prefix.length();
        int start = 0;
        boolean quoted = false;
        while (i < n && (quoted || prefix.charAt(i) != ' ')) { // a quoted local part may hold spaces
            if (prefix.charAt(i) == '"') {
                quoted = !quoted;
            }
            i++;
        }
        String first = prefix.substring(start, i);
        if (first.isEmpty() || first.contains("=")) {
            return addresses;
        }
        addresses.add(first);
        while (i < n) {
            while (i < n && prefix.charAt(i) == ' ') {
                i++;
            }
            if (i >= n || prefix.charAt(i) != '<') {
                break;
            }
            int close = prefix.indexOf('>', i);
            if (close < 0) {
                break;
            }
            addresses.add(prefix.substring(i + 1, close));
            i = close + 1;
        }
        return addresses;
    }

    private static String reasonOf(String tail, String errno) {
        String reason = TIMING.matcher(tail).replaceAll("").trim();
        while (reason.startsWith(":")) {
            reason = reason.substring(1).trim();
        }
        return reason.isEmpty() ? "defer (" + errno + ")" : reason;
    }
}
