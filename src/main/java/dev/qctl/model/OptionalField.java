package dev.qctl.model;

import java.util.Locale;

/**
 * The parts of a record that cost an extra read per message (Postfix: postcat; Exim: the -H file's
 * flags and headers) and so are fetched only when a filter, an output column or a summary needs them.
 */
public enum OptionalField {
    /** Who submitted it: SASL login, client address and name, HELO, protocol, local user. */
    ORIGIN("origin"),
    /** The Subject header, RFC 2047 decoded. */
    SUBJECT("subject"),
    /** The Message-ID header. */
    MESSAGE_ID("message-id");

    private final String label;

    OptionalField(String label) {
        this.label = label;
    }

    /** How it is written in {@code --with}. */
    public String label() {
        return label;
    }

    public static OptionalField parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (OptionalField f : values()) {
            if (f.label.equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown field '" + text + "' (expected origin, subject or message-id)");
    }
}
