package dev.qctl.trace;

import dev.qctl.queue.TextPattern;
import java.time.Instant;
import java.util.List;

/**
 * What to trace through the mail log: queue IDs, or the messages with a Message-ID, or from or to
 * addresses (globs), within an optional time window.
 *
 * @param ids       queue IDs (validated by the caller against the MTA's grammar)
 * @param messageId a Message-ID without angle brackets, or null
 * @param from      a sender glob, or null
 * @param to        a recipient glob, or null
 * @param since     lines before this are left out (null: no bound)
 * @param until     lines after this are left out (null: no bound)
 * @param limit     at most this many messages are traced for --message-id, --from and --to
 * @param maxPasses at most this many searches of the log (each follows the hops found by the last)
 * @param logFile   the log file to search (with its rotations), or null to find it
 */
public record LogQuery(List<String> ids, String messageId, String from, String to, Instant since, Instant until,
                       int limit, int maxPasses, String logFile) {
    public LogQuery {
        ids = List.copyOf(ids);
        int given = (ids.isEmpty() ? 0 : 1) + (messageId == null ? 0 : 1) + (from == null && to == null ? 0 : 1);
        if (given != 1) {
            throw new IllegalArgumentException("give queue IDs, or --message-id, or --from/--to (one of them)");
        }
        if (since != null && until != null && until.isBefore(since)) {
            throw new IllegalArgumentException("--until is before --since");
        }
        if (limit < 1 || maxPasses < 1) {
            throw new IllegalArgumentException("--limit must be at least 1");
        }
        if (from != null) {
            AddressNeedle.of(from, "--from");
        }
        if (to != null) {
            AddressNeedle.of(to, "--to");
        }
    }

    TextPattern fromPattern() {
        return from == null ? null : TextPattern.wholeMatch(from);
    }

    TextPattern toPattern() {
        return to == null ? null : TextPattern.wholeMatch(to);
    }
}
