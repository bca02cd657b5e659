package dev.qctl.queue;

import java.util.regex.Pattern;

/**
 * Groups delay reasons by cause: the same failure towards different hosts, IPs, ports or with a
 * different transaction ID reads the same after {@link #key(String)}. Postfix's
 * "delivery temporarily suspended: " prefix only repeats an earlier reason, so it is dropped.
 */
public final class ReasonGroups {
    private static final Pattern SUSPENDED = Pattern.compile("^delivery temporarily suspended:\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern HOST_WITH_ADDRESS = Pattern.compile("[\\w.-]*\\[[0-9A-Fa-f.:]+\\](:\\d+)?");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?\\b");
    private static final Pattern EMAIL = Pattern.compile("[^\\s<>()\\[\\]]+@[\\w.-]+");
    private static final Pattern TOKEN_WITH_DIGITS = Pattern.compile("\\b(?=[\\w.-]*\\d)(?=[\\w.-]*[A-Za-z])[\\w.-]{8,}\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private ReasonGroups() {
    }

    public static String key(String reason) {
        if (reason == null) {
            return "";
        }
        String r = SUSPENDED.matcher(reason.strip()).replaceFirst("");
        r = HOST_WITH_ADDRESS.matcher(r).replaceAll("<host>");
        r = IP_ADDRESS.matcher(r).replaceAll("<ip>");
        r = EMAIL.matcher(r).replaceAll("<address>");
        r = TOKEN_WITH_DIGITS.matcher(r).replaceAll("<id>");
        return SPACES.matcher(r).replaceAll(" ");
    }
}
