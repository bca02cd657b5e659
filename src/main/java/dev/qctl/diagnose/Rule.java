package dev.qctl.diagnose;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One line of the classification table: when {@code test} holds for a reason, its cause is {@code cause}.
 *
 * @param id names the rule in output ({@code text:quota}, {@code config:12}) so a surprising
 *           classification can be traced to the line that made it
 */
public record Rule(String id, Cause cause, Predicate<ReplyText> test) {

    /**
     * Matches when the text (case-insensitive) contains one of the alternatives of {@code wording}
     * ({@code a|b|c}; each starts with a literal of two or more characters, see {@link Wording}).
     */
    public static Rule text(String id, Cause cause, String wording) {
        Wording w = new Wording(wording);
        return new Rule("text:" + id, cause, r -> w.in(r.lower()));
    }

    /**
     * Matches on the enhanced status code's subject and detail ({@code "2.2"} for X.2.2), or on the
     * subject alone ({@code "4"} for X.4.*).
     */
    public static Rule enhanced(String subjectDetail, Cause cause) {
        return new Rule("code:X." + subjectDetail + (subjectDetail.contains(".") ? "" : ".*"), cause,
                r -> r.enhanced() != null && (r.subjectDetail().equals(subjectDetail)
                        || r.subjectDetail().startsWith(subjectDetail + ".")));
    }

    /** Matches a reply code exactly ({@code 421}) or by class ({@code 5} for any 5xx or X.*.*). */
    public static Rule code(int code, Cause cause) {
        if (code < 10) {
            return new Rule("code:" + code + "xx", cause, r -> r.statusClass() == code);
        }
        return new Rule("code:" + code, cause, r -> r.code() == code);
    }

    /**
     * A rule of the user's, named {@code config:LINE}: {@code match} (searched in the reason) and/or
     * {@code code} (a reply code such as 421, or an enhanced code such as 4.7.28) must hold.
     */
    public static Rule user(int line, Cause cause, Pattern match, String code) {
        Predicate<ReplyText> byText = match == null ? r -> true : r -> match.matcher(r.text()).find();
        Predicate<ReplyText> byCode = code == null ? r -> true
                : code.contains(".") ? r -> code.equals(r.enhanced()) : r -> Integer.parseInt(code) == r.code();
        return new Rule("config:" + line, cause, byText.and(byCode));
    }

    public boolean matches(ReplyText reply) {
        return test.test(reply);
    }
}
