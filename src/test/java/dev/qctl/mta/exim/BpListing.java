package dev.qctl.mta.exim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** `exim -bp` output read back, as the reference the tests compare qctl's records with. */
record BpListing(String id, String shownSize, String sender, boolean frozen, Map<String, Boolean> recipients) {
    private static final Pattern FIRST = Pattern.compile(
            "^\\s*\\S+\\s+(\\S+) (\\S+) <(.*)>( \\*\\*\\* frozen \\*\\*\\*)?$");
    private static final Pattern RECIPIENT = Pattern.compile("^ {8}([ D]) (.*)$");

    /** Recipient address → delivered (D), in -bp order. */
    static List<BpListing> parse(String output) {
        List<BpListing> messages = new ArrayList<>();
        BpListing current = null;
        for (String line : output.split("\n")) {
            Matcher first = FIRST.matcher(line);
            Matcher recipient = RECIPIENT.matcher(line);
            if (first.matches()) {
                current = new BpListing(first.group(2), first.group(1), first.group(3), first.group(4) != null,
                        new LinkedHashMap<>());
                messages.add(current);
            } else if (recipient.matches() && current != null) {
                current.recipients().put(recipient.group(2), recipient.group(1).equals("D"));
            }
        }
        return messages;
    }

    /** Exim's rounding of a size for -bp (string_format_size), to compare exact sizes with. */
    static String shown(long size) {
        if (size == 0) {
            return "0";
        }
        if (size < 1024) {
            return Long.toString(size);
        }
        if (size < 10 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1fK", size / 1024.0);
        }
        if (size < 1024 * 1024) {
            return ((size + 512) / 1024) + "K";
        }
        if (size < 10 * 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1fM", size / (1024.0 * 1024.0));
        }
        return ((size + 512 * 1024) / (1024 * 1024)) + "M";
    }
}
