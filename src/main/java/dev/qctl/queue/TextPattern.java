package dev.qctl.queue;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A pattern on an address or a reason: a glob ({@code *@example.com}, {@code ?} one character),
 * matched case-insensitively, or a regular expression written {@code /.../} (append {@code i}
 * for case-insensitive: {@code /^bob/i}) that may match anywhere in the text.
 */
public final class TextPattern {
    private static final int GLOB_FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL;

    private final String source;
    private final Pattern pattern;

    private TextPattern(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    /** Address patterns: a glob must match the whole address. */
    public static TextPattern wholeMatch(String text) {
        return compile(text, false);
    }

    /** Reason patterns: a glob may match anywhere in the reason ("Connection refused"). */
    public static TextPattern anywhere(String text) {
        return compile(text, true);
    }

    private static TextPattern compile(String text, boolean globAnywhere) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty pattern");
        }
        if (isRegex(text)) {
            boolean ignoreCase = text.endsWith("/i");
            String body = text.substring(1, text.length() - (ignoreCase ? 2 : 1));
            if (body.isEmpty()) {
                throw new IllegalArgumentException("empty regular expression '" + text + "'");
            }
            try {
                // Regular expressions match anywhere (anchor with ^ and $), as in grep and exiqgrep.
                String anywhere = ".*(?:" + body + ").*";
                int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
                Pattern.compile(body);
                return new TextPattern(text, Pattern.compile(anywhere, flags));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression '" + text + "': "
                        + e.getDescription());
            }
        }
        StringBuilder regex = new StringBuilder(globAnywhere ? ".*" : "");
        for (char c : text.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (globAnywhere) {
            regex.append(".*");
        }
        return new TextPattern(text, Pattern.compile(regex.toString(), GLOB_FLAGS));
    }

    private static boolean isRegex(String text) {
        return text.length() >= 2 && text.startsWith("/")
                && (text.endsWith("/") || (text.length() >= 3 && text.endsWith("/i")));
    }

    public boolean matches(String text) {
        return text != null && pattern.matcher(text).matches();
    }

    @Override
    public String toString() {
        return source;
    }
}
