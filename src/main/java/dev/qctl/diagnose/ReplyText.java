package dev.qctl.diagnose;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A delay reason as the MTA wrote it, with the SMTP reply code and the enhanced status code
 * (RFC 3463) found in it, if any.
 *
 * @param text     the reason without Postfix's "delivery temporarily suspended: " (which only
 *                 repeats an earlier reason for the same destination)
 * @param code     the three-digit SMTP reply code, 0 when the reason has none (no reply was received)
 * @param enhanced the enhanced status code such as {@code 4.2.2}, or null
 * @param lower    the text lower-cased (once: every text rule looks at it)
 */
public record ReplyText(String text, int code, String enhanced, String lower) {
    private static final Pattern SUSPENDED = Pattern.compile("^\\s*delivery temporarily suspended:\\s*",
            Pattern.CASE_INSENSITIVE);
    // Not part of an IP address or a version (no digit or dot on either side).
    private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?!\\d|\\.\\d)");
    // A reply code stands where a reply starts: at the beginning, or after a colon and a space
    // ("said: 550", "me: 554", "RCPT TO:<a@b>: 421"); never ":465", which is a port.
    private static final Pattern CODE = Pattern.compile("(?:^|:\\s+)([245]\\d\\d)(?=[ -]|$)");

    public static ReplyText parse(String reason) {
        String text = SUSPENDED.matcher(reason == null ? "" : reason).replaceFirst("").strip();
        Matcher code = CODE.matcher(text);
        int basic = code.find() ? Integer.parseInt(code.group(1)) : 0;
        Matcher enhanced = ENHANCED.matcher(text);
        String status = enhanced.find() ? enhanced.group(1) + "." + Integer.parseInt(enhanced.group(2)) + "."
                + Integer.parseInt(enhanced.group(3)) : null;
        return new ReplyText(text, basic, status, text.toLowerCase(java.util.Locale.ROOT));
    }

    /** 4 or 5 from the enhanced code or else the reply code; 0 when neither is there. */
    public int statusClass() {
        if (enhanced != null) {
            return enhanced.charAt(0) - '0';
        }
        return code / 100;
    }

    /** The enhanced code without its class ({@code 2.2} for {@code 4.2.2}), or "". */
    public String subjectDetail() {
        return enhanced == null ? "" : enhanced.substring(2);
    }
}
