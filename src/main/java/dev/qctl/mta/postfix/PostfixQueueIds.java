package dev.qctl.mta.postfix;

import dev.qctl.mta.QueueIdGrammar;
import java.util.regex.Pattern;

/**
 * Postfix queue IDs. Short IDs are upper-case hex (microseconds + inode, reused over time);
 * long IDs ({@code enable_long_queue_ids}) are seconds and microseconds in a base-52 alphabet of
 * digits and consonants, a {@code z}, then the inode in base 51 (the same alphabet without z).
 * Both kinds can be in one queue at once.
 */
public final class PostfixQueueIds implements QueueIdGrammar {
    private static final Pattern SHORT = Pattern.compile("[0-9A-F]{6,21}");
    private static final Pattern LONG = Pattern.compile(
            "[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z]{10,16}z[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-y]{1,16}");

    @Override
    public boolean isValid(String id) {
        return id != null && (SHORT.matcher(id).matches() || LONG.matcher(id).matches());
    }

    /** Short IDs come from the inode and microseconds: a later message can get the same one. */
    @Override
    public boolean mayBeReused(String id) {
        return SHORT.matcher(id).matches();
    }

    @Override
    public String describe() {
        return "a Postfix queue ID (hex like 3F2A1C4B2E, or a long ID like 4jbq6Y3nLkzC08f)";
    }
}
