package dev.qctl.diagnose;

import dev.qctl.model.MessageOrigin;
import dev.qctl.model.OptionalField;
import dev.qctl.model.OptionalFields;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.RecipientStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who fills the queue: messages counted per SASL login, client address, envelope sender or subject,
 * with their recipients (not yet delivered), bytes and oldest arrival, for the top N. Memory is
 * bounded: the keys are ranked by a {@link TopCounter} of {@code capacity} keys, and the other sums
 * are kept only for keys it tracks; the counts are exact while there are no more distinct keys
 * than that (the result says whether they are).
 */
public final class OriginTally {
    /** The default number of keys tracked: plenty for accounts and clients, bounded for subjects. */
    public static final int CAPACITY = 5000;

    /** What the messages are counted by. */
    public enum By {
        SASL_USER("sasl-user", OptionalField.ORIGIN),
        CLIENT("client", OptionalField.ORIGIN),
        SENDER("sender", null),
        SUBJECT("subject", OptionalField.SUBJECT);

        private final String label;
        private final OptionalField needs;

        By(String label, OptionalField needs) {
            this.label = label;
            this.needs = needs;
        }

        public String label() {
            return label;
        }

        /** The optional fields the listing must fetch to count by this. */
        public OptionalFields neededFields() {
            return needs == null ? OptionalFields.none() : OptionalFields.of(needs);
        }

        public static By parse(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            for (By b : values()) {
                if (b.label.equals(t)) {
                    return b;
                }
            }
            return null;
        }

        /**
         * The message's key: the SASL login or "(none)"; the client address, "local" for a local
         * submission, or "(unknown)"; the sender ("<>" for bounces); the subject or "(no subject)".
         */
        public String keyOf(QueuedMessage m) {
            MessageOrigin o = m.origin() == null ? MessageOrigin.UNKNOWN : m.origin();
            return switch (this) {
                case SASL_USER -> o.saslUsername() != null ? o.saslUsername() : NONE;
                case CLIENT -> o.clientAddress() != null ? o.clientAddress() : o.local() ? "local" : "(unknown)";
                case SENDER -> m.isBounce() ? "<>" : m.sender();
                case SUBJECT -> m.subject() == null || m.subject().isEmpty() ? "(no subject)" : m.subject();
            };
        }
    }

    /** The key of messages sent without SMTP AUTH, in {@link By#SASL_USER}. */
    public static final String NONE = "(none)";

    /**
     * One key's share. {@code guaranteed} is a lower bound of its messages: less than {@code messages}
     * when some of those may belong to keys it replaced (then recipients and bytes are only from when
     * it was tracked).
     */
    public record Row(String key, long messages, long guaranteed, long recipients, long bytes, Instant oldest) {
        public boolean exact() {
            return guaranteed == messages;
        }
    }

    public record Result(By by, long messages, boolean exact, List<Row> rows) {
    }

    private static final class Sums {
        long recipients;
        long bytes;
        Instant oldest;
    }

    private final By by;
    private final TopCounter counter;
    private final Map<String, Sums> sums = new HashMap<>();

    public OriginTally(By by) {
        this(by, CAPACITY);
    }

    public OriginTally(By by, int capacity) {
        this.by = by;
        this.counter = new TopCounter(capacity);
    }

    public By by() {
        return by;
    }

    public void add(QueuedMessage m) {
        long open = 0;
        for (Recipient r : m.recipients()) {
            if (r.status() != RecipientStatus.DELIVERED) {
                open++;
            }
        }
        add(by.keyOf(m), 1, open, m.size(), m.arrival());
    }

    private void add(String key, long messages, long recipients, long bytes, Instant oldest) {
        String replaced = counter.add(key, messages);
        if (replaced != null) {
            sums.remove(replaced);
        }
        Sums s = sums.computeIfAbsent(key, k -> new Sums());
        s.recipients += recipients;
        s.bytes += bytes;
        if (oldest != null && (s.oldest == null || oldest.isBefore(s.oldest))) {
            s.oldest = oldest;
        }
    }

    /** Adds another host's tally (for totals over hosts). */
    public void addAll(OriginTally other) {
        for (TopCounter.Entry e : other.counter.top(Integer.MAX_VALUE)) {
            Sums s = other.sums.get(e.key());
            add(e.key(), e.count(), s == null ? 0 : s.recipients, s == null ? 0 : s.bytes, s == null ? null : s.oldest);
        }
    }

    public Result result(int top) {
        List<Row> rows = counter.top(top).stream().map(e -> {
            Sums s = sums.getOrDefault(e.key(), new Sums());
            return new Row(e.key(), e.count(), e.guaranteed(), s.recipients, s.bytes, s.oldest);
        }).toList();
        return new Result(by, counter.total(), counter.exact(), rows);
    }
}
