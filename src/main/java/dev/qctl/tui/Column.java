package dev.qctl.tui;

import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import java.util.Comparator;
import java.util.Locale;

/** The columns of the list; each can be sorted on ({@code s} cycles, {@code S} reverses). */
public enum Column {
    HOST("HOST", Comparator.comparing(QueuedMessage::host)),
    ID("ID", Comparator.comparing(QueuedMessage::id)),
    QUEUE("QUEUE", Comparator.comparing(m -> m.queue().label())),
    /** Oldest first. */
    AGE("AGE", Comparator.comparing(QueuedMessage::arrival)),
    /** Largest first. */
    SIZE("SIZE", Comparator.comparingLong(QueuedMessage::size).reversed()),
    SENDER("SENDER", Comparator.comparing(m -> m.sender().toLowerCase(Locale.ROOT))),
    RECIPIENT("RECIPIENTS", Comparator.comparing(m -> firstRecipient(m).toLowerCase(Locale.ROOT))),
    /** Only when toggled on ({@code t}): the subjects are read then. */
    SUBJECT("SUBJECT", Comparator.comparing(m -> m.subject() == null ? "" : m.subject().toLowerCase(Locale.ROOT))),
    REASON("REASON", Comparator.comparing(m -> m.firstReason() == null ? "" : m.firstReason().toLowerCase(Locale.ROOT)));

    private final String title;
    private final Comparator<QueuedMessage> order;

    Column(String title, Comparator<QueuedMessage> order) {
        this.title = title;
        this.order = order;
    }

    public String title() {
        return title;
    }

    /** The order of this column; ties fall back to host and ID so the list is stable. */
    public Comparator<QueuedMessage> comparator(boolean reverse) {
        Comparator<QueuedMessage> c = order.thenComparing(QueuedMessage::host).thenComparing(QueuedMessage::id);
        return reverse ? c.reversed() : c;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String firstRecipient(QueuedMessage m) {
        return m.recipients().isEmpty() ? "" : m.recipients().get(0).address();
    }

    static String recipients(QueuedMessage m) {
        if (m.recipients().isEmpty()) {
            return "";
        }
        Recipient first = m.recipients().get(0);
        int more = m.recipients().size() - 1;
        return first.address() + (more > 0 ? " (+" + more + ")" : "");
    }
}
