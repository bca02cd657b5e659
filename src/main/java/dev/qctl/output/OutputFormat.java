package dev.qctl.output;

import java.util.Locale;

/** The {@code -o} formats. */
public enum OutputFormat {
    TABLE, WIDE, JSON, NDJSON, YAML, CSV, IDS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isHuman() {
        return this == TABLE || this == WIDE;
    }

    public static OutputFormat parse(String text) {
        for (OutputFormat f : values()) {
            if (f.label().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown output format '" + text
                + "' (expected table, wide, json, ndjson, yaml, csv or ids)");
    }

    @Override
    public String toString() {
        return label();
    }
}
