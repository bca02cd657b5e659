package dev.qctl.model;

import java.util.Locale;

/** The mail transfer agents qctl speaks to. */
public enum Mta {
    POSTFIX, EXIM;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
