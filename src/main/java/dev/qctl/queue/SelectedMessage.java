package dev.qctl.queue;

import dev.qctl.model.QueuedMessage;
import java.time.Instant;

/**
 * The little an action keeps of a selected message: its ID and what tells it apart from a later
 * message that gets the same (reused) ID.
 */
public record SelectedMessage(String id, Instant arrival, String sender) {
    public static SelectedMessage of(QueuedMessage m) {
        return new SelectedMessage(m.id(), m.arrival(), m.sender());
    }

    public boolean sameMessageAs(QueuedMessage m) {
        return m.id().equals(id) && m.arrival().equals(arrival) && m.sender().equals(sender);
    }
}
