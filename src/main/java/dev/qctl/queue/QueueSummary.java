package dev.qctl.queue;

import dev.qctl.model.Addresses;
import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.RecipientStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.TreeMap;

/**
 * Counts a stream of records into what {@code qctl summary} shows: messages and bytes per queue,
 * a qshape-like table of domains against age buckets, and the top delay reasons grouped by cause.
 * Memory grows with the number of distinct domains and reason groups, not with the queue.
 */
public final class QueueSummary {
    /** Whose domain the shape table is about. */
    public enum ShapeBy {
        RECIPIENT_DOMAIN, SENDER_DOMAIN
    }

    /** Messages and bytes in one queue, and when its oldest message arrived (null when empty). */
    public record Count(long messages, long bytes, Instant oldest) {
    }

    public record ShapeRow(String domain, long total, long[] buckets) {
    }

    public record ReasonRow(String reason, long recipients, long messages, String example) {
    }

    public record Result(long messages, long bytes, long frozen, Map<QueueName, Count> queues,
                         ShapeBy shapeBy, List<ShapeRow> shape, List<ReasonRow> reasons,
                         Map<String, Long> domainTotals, Map<String, Long> causes) {
        /** The arrival of the oldest message in any queue, or null for an empty queue. */
        public Instant oldest() {
            return queues.values().stream().map(Count::oldest).filter(java.util.Objects::nonNull)
                    .min(Instant::compareTo).orElse(null);
        }

        /** Deferred recipients given this cause by the classifier (0 when none, or without a classifier). */
        public long recipientsWithCause(String cause) {
            return causes.getOrDefault(cause, 0L);
        }

        /** Recipients not yet delivered at this domain (0 when none). */
        public long recipientsAt(String domain) {
            return domainTotals.getOrDefault(domain.toLowerCase(java.util.Locale.ROOT), 0L);
        }
    }

    private final ShapeBy shapeBy;
    private final Instant now;
    private final EnumMap<QueueName, long[]> queues = new EnumMap<>(QueueName.class);
    private final EnumMap<QueueName, Instant> oldest = new EnumMap<>(QueueName.class);
    private final Map<String, long[]> shape = new HashMap<>();
    private final long[] shapeTotal = new long[AgeBuckets.LABELS.size()];
    private final Map<String, ReasonTally> reasons = new HashMap<>();
    private final ReasonGroups.Cache reasonKeys = new ReasonGroups.Cache();
    private final Map<String, Long> causes = new TreeMap<>();
    private Function<String, String> causeOf;
    private long messages;
    private long bytes;
    private long frozen;

    public QueueSummary(ShapeBy shapeBy, Instant now) {
        this.shapeBy = shapeBy;
        this.now = now;
        for (QueueName q : QueueName.values()) {
            queues.put(q, new long[2]);
        }
    }

    /**
     * Also counts deferred recipients per cause, as {@code causeOf} names the cause of a delay
     * reason (qctl diagnose's rule table; passed in, so this class does not depend on it).
     */
    public QueueSummary withCauses(Function<String, String> classifier) {
        this.causeOf = classifier;
        return this;
    }

    public void add(QueuedMessage m) {
        messages++;
        bytes += m.size();
        if (m.frozen()) {
            frozen++;
        }
        long[] q = queues.get(m.queue());
        q[0]++;
        q[1] += m.size();
        oldest.merge(m.queue(), m.arrival(), (a, b) -> a.isBefore(b) ? a : b);
        int bucket = AgeBuckets.of(m.age(now));
        if (shapeBy == ShapeBy.SENDER_DOMAIN) {
            countShape(m.isBounce() ? "MAILER-DAEMON" : Addresses.domainOf(m.sender()), bucket);
        } else {
            for (Recipient r : m.recipients()) {
                if (r.status() != RecipientStatus.DELIVERED) {
                    countShape(r.domain(), bucket);
                }
            }
        }
        // Most messages have one recipient: no set needed to count the message once per reason.
        Map<String, Boolean> seenInMessage = m.recipients().size() > 1 ? new HashMap<>() : null;
        for (Recipient r : m.recipients()) {
            if (r.reason() != null && r.status() != RecipientStatus.DELIVERED) {
                String key = reasonKeys.key(r.reason());
                ReasonTally tally = reasons.computeIfAbsent(key, k -> new ReasonTally(r.reason()));
                tally.recipients++;
                if (seenInMessage == null || seenInMessage.put(key, Boolean.TRUE) == null) {
                    tally.messages++;
                }
                if (causeOf != null) {
                    causes.merge(causeOf.apply(r.reason()), 1L, Long::sum);
                }
            }
        }
    }

    private void countShape(String domain, int bucket) {
        shape.computeIfAbsent(domain.isEmpty() ? "(none)" : domain, d -> new long[AgeBuckets.LABELS.size()])[bucket]++;
        shapeTotal[bucket]++;
    }

    /** The result with the {@code top} biggest domains and reason groups. */
    public Result result(int top) {
        Map<QueueName, Count> perQueue = new LinkedHashMap<>();
        queues.forEach((q, c) -> perQueue.put(q, new Count(c[0], c[1], oldest.get(q))));
        List<ShapeRow> rows = new ArrayList<>();
        rows.add(new ShapeRow("TOTAL", sum(shapeTotal), shapeTotal.clone()));
        shape.entrySet().stream()
                .map(e -> new ShapeRow(e.getKey(), sum(e.getValue()), e.getValue().clone()))
                .sorted(Comparator.comparingLong(ShapeRow::total).reversed().thenComparing(ShapeRow::domain))
                .limit(top)
                .forEach(rows::add);
        List<ReasonRow> reasonRows = reasons.entrySet().stream()
                .map(e -> new ReasonRow(e.getKey(), e.getValue().recipients, e.getValue().messages, e.getValue().example))
                .sorted(Comparator.comparingLong(ReasonRow::recipients).reversed().thenComparing(ReasonRow::reason))
                .limit(top)
                .toList();
        Map<String, Long> domainTotals = new HashMap<>();
        shape.forEach((domain, counts) -> domainTotals.put(domain, sum(counts)));
        return new Result(messages, bytes, frozen, perQueue, shapeBy, rows, reasonRows, domainTotals,
                new TreeMap<>(causes));
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }

    private static final class ReasonTally {
        final String example;
        long recipients;
        long messages;

        ReasonTally(String example) {
            this.example = example;
        }
    }
}
