package dev.qctl.model;

import java.util.Locale;

/** The mail transfer agents qctl speaks to. */
public enum Mta {
    POSTFIX("Postfix"), EXIM("Exim");

    private final String displayName;

    Mta(String displayName) {
        this.displayName = displayName;
    }

    /** The name as people write it, for messages: "Postfix", "Exim". */
    public String displayName() {
        return displayName;
    }

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
