package dev.qctl.exec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * POSIX shell quoting, the only place qctl turns an argv into a shell string. Every word that is
 * not plainly safe is put in single quotes, with embedded single quotes written as '\''.
 */
public final class ShellQuoting {
    // No '=': a first word NAME=value would be read by the shell as an assignment.
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+:,./-]+");

    private ShellQuoting() {
    }

    public static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    public static String join(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String word : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(word));
        }
        return sb.toString();
    }
}
