package dev.qctl.mta.exim;

import dev.qctl.model.Durations;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Exim's answer to {@code -brt ADDRESS}, e.g. {@code Retry rule: *  *  F,2h,15m; G,16h,1h,1.5; F,4d,6h;}.
 * Each parameter set's first time is counted from the first failure, so the last one is when
 * Exim stops retrying and returns the message.
 */
final class RetryRule {
    private static final Pattern RULE = Pattern.compile("^Retry rule:\\s*(.*)$", Pattern.MULTILINE);
    private static final Pattern SET = Pattern.compile("\\b[FGH],\\s*(\\d+[smhdw](?:\\d+[smhdw])*)");

    private RetryRule() {
    }

    /** @return the rule as written and its cutoff, or empty when no rule applies */
    static Optional<Parsed> parse(String output) {
        Matcher rule = RULE.matcher(output);
        if (!rule.find()) {
            return Optional.empty();
        }
        String text = rule.group(1).strip().replaceAll("\\s+", " ").replaceAll(";\\s*$", "");
        Matcher set = SET.matcher(text);
        Duration last = null;
        while (set.find()) {
            last = Durations.parse(set.group(1));
        }
        return last == null ? Optional.empty() : Optional.of(new Parsed(text, last));
    }

    record Parsed(String text, Duration cutoff) {
    }
}
