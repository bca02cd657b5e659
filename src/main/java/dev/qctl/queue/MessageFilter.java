package dev.qctl.queue;

import dev.qctl.model.OptionalFields;
import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.RecipientStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The selection shared by list, summary and the actions. Every criterion is optional (null or
 * empty means "any"); all given criteria must hold. Sender and recipient patterns match the
 * null sender as "" and "&lt;&gt;".
 *
 * @param queues     the queues to include
 * @param from       pattern on the envelope sender
 * @param to         pattern one of the recipients must match
 * @param reason     pattern one recipient's delay reason must match
 * @param olderThan  minimum age
 * @param newerThan  maximum age
 * @param minSize    minimum size in bytes
 * @param maxSize    maximum size in bytes
 * @param bouncesOnly only messages with the null sender
 * @param cause      a cause of delay one recipient not yet delivered must have (see qctl diagnose)
 * @param origin     criteria on the origin, subject and headers: these need optional fields
 *                   ({@link #neededFields()}); null for none
 */
public record MessageFilter(
        Set<QueueName> queues,
        TextPattern from,
        TextPattern to,
        TextPattern reason,
        Duration olderThan,
        Duration newerThan,
        Long minSize,
        Long maxSize,
        boolean bouncesOnly,
        CauseMatch cause,
        OriginFilter origin) {

    public MessageFilter(Set<QueueName> queues, TextPattern from, TextPattern to, TextPattern reason, Duration olderThan,
                         Duration newerThan, Long minSize, Long maxSize, boolean bouncesOnly) {
        this(queues, from, to, reason, olderThan, newerThan, minSize, maxSize, bouncesOnly, null, null);
    }

    public MessageFilter(Set<QueueName> queues, TextPattern from, TextPattern to, TextPattern reason, Duration olderThan,
                         Duration newerThan, Long minSize, Long maxSize, boolean bouncesOnly, CauseMatch cause) {
        this(queues, from, to, reason, olderThan, newerThan, minSize, maxSize, bouncesOnly, cause, null);
    }

    /**
     * The optional fields this filter needs on each record: pass it to the listing,
     * {@code adapter.list(filter.neededFields(), warnings)}. Empty for the envelope-only criteria.
     */
    public OptionalFields neededFields() {
        return origin == null ? OptionalFields.none() : origin.neededFields();
    }

    public static MessageFilter none() {
        return new MessageFilter(Set.of(), null, null, null, null, null, null, null, false);
    }

    public MessageFilter {
        queues = queues == null ? Set.of() : Set.copyOf(queues);
        origin = origin == null || origin.isEmpty() ? null : origin;
    }

    /** True when nothing narrows the selection: a bulk action then needs --all. */
    public boolean isEmpty() {
        return queues.isEmpty() && from == null && to == null && reason == null && olderThan == null
                && newerThan == null && minSize == null && maxSize == null && !bouncesOnly && cause == null
                && origin == null;
    }

    public Predicate<QueuedMessage> at(Instant now) {
        return m -> matches(m, now);
    }

    public boolean matches(QueuedMessage m, Instant now) {
        if (!queues.isEmpty() && !queues.contains(m.queue())) {
            return false;
        }
        if (bouncesOnly && !m.isBounce()) {
            return false;
        }
        if (from != null && !from.matches(m.sender()) && !(m.isBounce() && from.matches("<>"))) {
            return false;
        }
        if (minSize != null && m.size() < minSize) {
            return false;
        }
        if (maxSize != null && m.size() > maxSize) {
            return false;
        }
        Duration age = m.age(now);
        if (olderThan != null && age.compareTo(olderThan) < 0) {
            return false;
        }
        if (newerThan != null && age.compareTo(newerThan) > 0) {
            return false;
        }
        if (to != null && m.recipients().stream().map(Recipient::address).noneMatch(to::matches)) {
            return false;
        }
        if (cause != null && m.recipients().stream().noneMatch(r -> r.status() != RecipientStatus.DELIVERED
                && r.reason() != null && cause.reasonIs().test(r.reason()))) {
            return false;
        }
        if (reason != null && m.recipients().stream().map(Recipient::reason).noneMatch(reason::matches)) {
            return false;
        }
        return origin == null || origin.matches(m);
    }
}
