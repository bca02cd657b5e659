package dev.qctl.model;

import java.util.Locale;

/** Small helpers for e-mail addresses as they appear in envelopes. */
public final class Addresses {
    private Addresses() {
    }

    /** The domain part, lower-cased; the empty string for the null sender or a bare local part. */
    public static String domainOf(String address) {
        if (address == null) {
            return "";
        }
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
