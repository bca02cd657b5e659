package dev.qctl.model;

import java.util.Locale;

/**
 * Where a recipient of a queued message stands. {@code PENDING}: no delivery attempt recorded yet;
 * {@code DEFERRED}: an attempt failed temporarily; {@code DELIVERED}: done (Exim keeps delivered
 * recipients of a partly delivered message in its spool).
 */
public enum RecipientStatus {
    PENDING, DEFERRED, DELIVERED;

    /** Computed once: it is written for every record of a listing. */
    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label();
    }
}
