package dev.qctl.model;

import java.util.Locale;

/**
 * The queues a message can sit in, named as Postfix names them. Exim's states map onto them:
 * frozen is {@link #HOLD}, never attempted is {@link #INCOMING}, everything else {@link #DEFERRED}.
 */
public enum QueueName {
    ACTIVE, DEFERRED, HOLD, INCOMING, MAILDROP;

    /** Computed once: it is written for every record of a listing. */
    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }

    public static QueueName parse(String text) {
        // What postqueue -j prints, without a lower-casing per record.
        switch (text) {
            case "deferred":
                return DEFERRED;
            case "active":
                return ACTIVE;
            case "hold":
                return HOLD;
            case "incoming":
                return INCOMING;
            case "maildrop":
                return MAILDROP;
            default:
                break;
        }
        for (QueueName q : values()) {
            if (q.label().equalsIgnoreCase(text.trim())) {
                return q;
            }
        }
        throw new IllegalArgumentException("unknown queue '" + text + "' (expected one of active, deferred, hold, incoming, maildrop)");
    }

    @Override
    public String toString() {
        return label();
    }
}
