package dev.qctl.queue;

import dev.qctl.model.QueuedMessage;
import java.util.Comparator;
import java.util.Locale;

/** The orders a listing can be sorted in; ties fall back to the queue ID so output is stable. */
public enum SortKey {
    /** Oldest first. */
    AGE(Comparator.comparing(QueuedMessage::arrival)),
    /** Largest first. */
    SIZE(Comparator.comparingLong(QueuedMessage::size).reversed()),
    SENDER(Comparator.comparing(m -> m.sender().toLowerCase(Locale.ROOT))),
    RECIPIENT(Comparator.comparing(m -> m.recipients().isEmpty() ? ""
            : m.recipients().get(0).address().toLowerCase(Locale.ROOT))),
    ID(Comparator.comparing(QueuedMessage::id));

    private final Comparator<QueuedMessage> order;

    SortKey(Comparator<QueuedMessage> order) {
        this.order = order;
    }

    public Comparator<QueuedMessage> comparator(boolean reverse) {
        Comparator<QueuedMessage> c = order.thenComparing(QueuedMessage::host).thenComparing(QueuedMessage::id);
        return reverse ? c.reversed() : c;
    }
}
