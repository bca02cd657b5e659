package dev.qctl.mta;

import dev.qctl.model.Mta;
import dev.qctl.model.Suspension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * qctl's suspension map, the one file per MTA that says which domains are suspended: a Postfix
 * table consulted first through {@code transport_maps} ({@code DOMAIN<TAB>retry:4.0.0 suspended by
 * qctl: REASON}) or the lsearch file of Exim's {@code qctl_suspend} router ({@code DOMAIN<TAB>suspended
 * by qctl: REASON}). Each entry has a comment line before it, {@code #qctl DOMAIN SINCE UNTIL BY}
 * (epoch seconds, 0 for no end), that the expiry script on the host reads too
 * ({@link SuspendHelper}); the value is what the queue shows as the delay reason.
 */
public final class SuspensionMap {
    static final String HEADER = "# qctl suspensions: written by qctl suspend/resume and its expiry job (qctl setup suspend); "
            + "edit only through qctl";
    static final String SAYS = "suspended by qctl: ";
    private static final String POSTFIX_VALUE = "retry:4.0.0 " + SAYS;
    private static final String META = "#qctl ";

    private SuspensionMap() {
    }

    /** The map's text with these entries, in the order given. */
    public static String render(Mta mta, List<Suspension> entries) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Suspension s : entries) {
            sb.append(META).append(s.domain()).append(' ').append(seconds(s.since())).append(' ')
                    .append(seconds(s.until())).append(' ').append(s.by()).append('\n');
            sb.append(s.domain()).append('\t').append(value(mta, s.reason())).append('\n');
        }
        return sb.toString();
    }

    /** What the MTA's table gives the domain: the text the queue shows as its delay reason. */
    public static String value(Mta mta, String reason) {
        return (mta == Mta.POSTFIX ? POSTFIX_VALUE : SAYS) + reason;
    }

    /**
     * The entries of a map as written by {@link #render} or by hand: an entry without its comment line
     * has no start, end or author; comment lines without an entry are ignored; a domain listed twice
     * counts once, as the MTAs read it (the first).
     */
    public static List<Suspension> parse(Mta mta, String text) {
        Map<String, String[]> meta = new HashMap<>();
        Map<String, Suspension> entries = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(META)) {
                String[] f = line.substring(META.length()).trim().split(" +");
                if (f.length == 4) {
                    meta.put(f[0], f);
                }
                continue;
            }
            int tab = line.indexOf('\t');
            if (line.isEmpty() || line.startsWith("#") || tab <= 0) {
                continue;
            }
            String domain = line.substring(0, tab);
            if (entries.containsKey(domain)) {
                continue;
            }
            try {
                String[] m = meta.get(domain);
                Instant since = m == null ? null : instant(m[1]);
                Instant until = m == null ? null : instant(m[2]);
                entries.put(domain, new Suspension(domain, since, until, reasonOf(mta, line.substring(tab + 1)),
                        m == null ? "unknown" : m[3]));
            } catch (IllegalArgumentException e) {
                // a line qctl cannot read (written by hand): the MTA may still use it, qctl leaves it out
            }
        }
        return new ArrayList<>(entries.values());
    }

    private static String reasonOf(Mta mta, String value) {
        String v = value.strip();
        String prefix = mta == Mta.POSTFIX ? POSTFIX_VALUE : SAYS;
        if (v.startsWith(prefix)) {
            return v.substring(prefix.length());
        }
        return v.startsWith("retry:") ? v.substring("retry:".length()) : v;
    }

    private static long seconds(Instant t) {
        return t == null ? 0 : t.getEpochSecond();
    }

    private static Instant instant(String seconds) {
        if (!seconds.matches("\\d{1,12}")) {
            throw new IllegalArgumentException("bad time");
        }
        long s = Long.parseLong(seconds);
        return s == 0 ? null : Instant.ofEpochSecond(s);
    }
}
