package dev.qctl.trace;

/**
 * The literal part of an address glob that {@code grep -F -i} looks for in the log: its longest
 * run without {@code *} or {@code ?}. A regular expression has no such part grep could use safely.
 */
final class AddressNeedle {
    static final int MIN_LENGTH = 3;

    private AddressNeedle() {
    }

    static String of(String glob, String option) {
        if (glob.length() > 2 && glob.startsWith("/") && (glob.endsWith("/") || glob.endsWith("/i"))) {
            throw new IllegalArgumentException(option + " of qctl log takes a glob, not a /regex/: the log is "
                    + "searched with grep -F for its literal part");
        }
        String longest = "";
        for (String part : glob.split("[*?]")) {
            if (part.length() > longest.length()) {
                longest = part;
            }
        }
        if (longest.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(option + " '" + glob + "' needs a literal part of at least "
                    + MIN_LENGTH + " characters (grep -F searches the log for it)");
        }
        return longest;
    }
}
