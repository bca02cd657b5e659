package dev.qctl.model;

/**
 * Makes message-derived text safe for a terminal: control characters and escape sequences are
 * replaced by visible placeholders so a hostile sender or subject can never drive the terminal.
 * C0 controls and DEL become caret notation ({@code ^[}, {@code ^?}) as {@code cat -v} shows them;
 * C1 controls and bidirectional overrides become {@code <U+009B>}.
 */
public final class Sanitizer {
    private Sanitizer() {
    }

    /** For a one-line field: every control character, newlines and tabs included, is replaced. */
    public static String inline(String text) {
        return clean(text, false);
    }

    /** For multi-line text: newlines and tabs stay, every other control character is replaced. */
    public static String multiline(String text) {
        return clean(text, true);
    }

    private static String clean(String text, boolean keepLayout) {
        if (text == null) {
            return "";
        }
        int i = 0;
        int n = text.length();
        while (i < n && !needsReplacement(text.charAt(i), keepLayout)) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder sb = new StringBuilder(n + 8).append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (!needsReplacement(c, keepLayout)) {
                sb.append(c);
            } else if (c < 0x20) {
                sb.append('^').append((char) (c + 0x40));
            } else if (c == 0x7f) {
                sb.append("^?");
            } else {
                sb.append(String.format("<U+%04X>", (int) c));
            }
        }
        return sb.toString();
    }

    private static boolean needsReplacement(char c, boolean keepLayout) {
        if (c == '\n' || c == '\t') {
            return !keepLayout;
        }
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || isBidiControl(c);
    }

    private static boolean isBidiControl(char c) {
        // embeddings/overrides, isolates, the three marks, and the line/paragraph separators some
        // terminals treat as a line break (a forged line in a one-line field)
        return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c
                || c == 0x2028 || c == 0x2029;
    }
}
