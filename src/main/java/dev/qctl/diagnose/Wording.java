package dev.qctl.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The wording a text rule looks for: alternatives of a regular expression ({@code a|b(c|d)|e}),
 * matched against the lower-cased reason. A queue of 100k messages can hold 100k distinct reasons
 * (they carry addresses and transaction IDs), and one regular expression with dozens of
 * alternatives costs a pass per position of the text; so each alternative is first looked for by
 * its literal start with {@link String#contains}, and only one that has it runs as a regex (a
 * plain literal never does).
 */
final class Wording {
    private static final String META = "\\[](){}.*+?^$|";

    /** One alternative: a literal that must occur, and the regex that must then match (or null). */
    private record Alternative(String literal, Pattern regex) {
        boolean in(String lower) {
            return lower.contains(literal) && (regex == null || regex.matcher(lower).find());
        }
    }

    private final List<Alternative> alternatives = new ArrayList<>();

    Wording(String alternation) {
        for (String alternative : splitTopLevel(alternation)) {
            String start = literalStart(alternative);
            boolean plain = start.equals(unescape(alternative)) && !hasMeta(alternative.replace("\\.", ""));
            if (start.length() < 2) {
                throw new IllegalArgumentException("an alternative must start with a literal of 2 or more characters: "
                        + alternative);
            }
            // the escapes (\\S, \\b) keep their case: the regex is case-insensitive instead
            alternatives.add(new Alternative(start.toLowerCase(Locale.ROOT),
                    plain ? null : Pattern.compile(alternative, Pattern.CASE_INSENSITIVE)));
        }
    }

    boolean in(String lower) {
        for (Alternative a : alternatives) {
            if (a.in(lower)) {
                return true;
            }
        }
        return false;
    }

    /** Splits at the {@code |} that are not inside parentheses or a character class. */
    static List<String> splitTopLevel(String regex) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                parts.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(regex.substring(start));
        return parts;
    }

    /**
     * The literal text every match starts with: leading {@code \b} skipped, escaped dots taken as
     * dots, up to the first other metacharacter (without the character before a {@code ? * {}, which
     * may be absent).
     */
    static String literalStart(String alternative) {
        StringBuilder sb = new StringBuilder();
        int i = alternative.startsWith("\\b") ? 2 : 0;
        while (i < alternative.length()) {
            char c = alternative.charAt(i);
            if (c == '\\' && i + 1 < alternative.length() && alternative.charAt(i + 1) == '.') {
                sb.append('.');
                i += 2;
                continue;
            }
            if (META.indexOf(c) >= 0) {
                if ((c == '?' || c == '*' || c == '{') && sb.length() > 0) {
                    sb.setLength(sb.length() - 1);
                }
                break;
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    private static String unescape(String alternative) {
        return alternative.replace("\\.", ".");
    }

    private static boolean hasMeta(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (META.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
