package dev.qctl.tui;

import dev.qctl.model.QueuedMessage;

/** What identifies a message across refreshes: its host and queue ID (marks and the cursor follow it). */
public record MessageKey(String host, String id) {
    public static MessageKey of(QueuedMessage m) {
        return new MessageKey(m.host(), m.id());
    }
}
