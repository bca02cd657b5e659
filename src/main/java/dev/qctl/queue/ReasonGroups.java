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

    /**
     * Most queues repeat a handful of reasons thousands of times: the key of each distinct reason
     * is computed once. Bounded: past {@value #CACHED} reasons, keys are computed and not kept, so a
     * queue of unique reasons costs no more memory.
     */
    public static final class Cache {
        static final int CACHED = 4096;
        private final java.util.Map<String, String> keys = new java.util.HashMap<>();

        public String key(String reason) {
            String key = keys.get(reason);
            if (key == null) {
                key = ReasonGroups.key(reason);
                if (keys.size() < CACHED) {
                    keys.put(reason, key);
                }
            }
            return key;
        }
    }
}
