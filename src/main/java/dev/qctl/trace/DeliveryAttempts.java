package dev.qctl.trace;

import dev.qctl.model.LogEvent;
import dev.qctl.model.LogEventKind;
import dev.qctl.queue.ReasonGroups;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A queued message's delivery attempts as the log tells them, per recipient: how many, since when,
 * and the distinct reasons (the same failure towards other hosts or ports counts as one,
 * {@link ReasonGroups}), so "tried 14 times since Monday, always 421 from mx1" is one line.
 *
 * @param source where the log was read
 */
public record DeliveryAttempts(String source, List<PerRecipient> recipients) {
    /** A reason as the MTA wrote it last, and how many attempts gave it (or one like it). */
    public record Reason(String text, int count) {
    }

    /**
     * @param attempts every attempt (deferred, sent, bounced)
     * @param reasons  distinct reasons, most frequent first
     */
    public record PerRecipient(String address, int attempts, Instant first, Instant last, LogEventKind lastOutcome,
                               List<Reason> reasons) {
    }

    public static DeliveryAttempts of(String source, List<MessageTrace> traces) {
        Map<String, List<LogEvent>> byRecipient = new LinkedHashMap<>();
        for (MessageTrace trace : traces) {
            for (LogEvent e : trace.events()) {
                if (e.kind().isAttempt() && e.recipient() != null && e.nextQueueId() == null) {
                    byRecipient.computeIfAbsent(e.recipient(), k -> new ArrayList<>()).add(e);
                }
            }
        }
        List<PerRecipient> recipients = new ArrayList<>();
        for (Map.Entry<String, List<LogEvent>> entry : byRecipient.entrySet()) {
            List<LogEvent> attempts = entry.getValue();
            Map<String, String> lastText = new LinkedHashMap<>();
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (LogEvent e : attempts) {
                String reason = e.reason();
                String key = ReasonGroups.key(reason);
                lastText.put(key, reason);
                counts.merge(key, 1, Integer::sum);
            }
            List<Reason> reasons = new ArrayList<>();
            counts.forEach((key, n) -> reasons.add(new Reason(lastText.get(key), n)));
            reasons.sort((a, b) -> Integer.compare(b.count(), a.count()));
            LogEvent last = attempts.get(attempts.size() - 1);
            recipients.add(new PerRecipient(entry.getKey(), attempts.size(), attempts.get(0).time(), last.time(),
                    last.kind(), reasons));
        }
        return new DeliveryAttempts(source, recipients);
    }
}
