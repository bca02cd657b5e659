package dev.qctl.model;

import java.util.Locale;

/** What qctl can do to queued messages; each adapter says which of these its MTA supports. */
public enum Action {
    HOLD("hold", "put on hold"),
    RELEASE("release", "release from hold"),
    REQUEUE("requeue", "requeue"),
    DELIVER("deliver", "try to deliver now"),
    BOUNCE("bounce", "bounce to the sender"),
    DELETE("delete", "delete without bounce"),
    /** Puts messages kept by {@code delete --quarantine} back into the queue (qctl restore; no adapter acts on it). */
    RESTORE("restore", "restore from the quarantine");

    private final String label;
    private final String description;

    Action(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /**
     * Why this message needs nothing done, or null: holding a held (frozen) message or releasing
     * one that is not held is already the state asked for.
     */
    public String alreadyDone(dev.qctl.model.QueuedMessage m) {
        if (this == HOLD && m.queue() == dev.qctl.model.QueueName.HOLD) {
            return "already on hold";
        }
        if (this == RELEASE && m.queue() != dev.qctl.model.QueueName.HOLD) {
            return "not on hold";
        }
        return null;
    }

    public String label() {
        return label;
    }

    /** For prompts and dry runs: "delete without bounce". */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
