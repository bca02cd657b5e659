package dev.qctl.queue;

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
        CauseMatch cause) {

    public MessageFilter(Set<QueueName> queues, TextPattern from, TextPattern to, TextPattern reason, Duration olderThan,
                         Duration newerThan, Long minSize, Long maxSize, boolean bouncesOnly) {
        this(queues, from, to, reason, olderThan, newerThan, minSize, maxSize, bouncesOnly, null);
    }

    public static MessageFilter none() {
        return new MessageFilter(Set.of(), null, null, null, null, null, null, null, false);
    }

    public MessageFilter {
        queues = queues == null ? Set.of() : Set.copyOf(queues);
    }

    /** True when nothing narrows the selection: a bulk action then needs --all. */
    public boolean isEmpty() {
        return queues.isEmpty() && from == null && to == null && reason == null && olderThan == null
                && newerThan == null && minSize == null && maxSize == null && !bouncesOnly && cause == null;
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
        return reason == null || m.recipients().stream().map(Recipient::reason).anyMatch(reason::matches);
    }
}
