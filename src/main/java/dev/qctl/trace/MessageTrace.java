package dev.qctl.trace;

import dev.qctl.model.LogEvent;
import dev.qctl.model.LogEventKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One message's history in the log: its events in time order across every queue ID it had.
 *
 * @param queueIds the queue IDs in the order they appear (first is where it entered)
 * @param events   every event, oldest first
 */
public record MessageTrace(List<String> queueIds, List<LogEvent> events) {
    public MessageTrace {
        queueIds = List.copyOf(queueIds);
        events = List.copyOf(events);
    }

    /**
     * The trace of one message's events (in the order they were read, per queue ID in log order):
     * sorted by time, and within one second (syslog's resolution) a queue ID before the one it
     * was passed on to, so a content filter's hop reads in the order it happened.
     */
    static MessageTrace of(List<LogEvent> events) {
        Map<String, Integer> rank = hopRanks(events);
        List<LogEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(LogEvent::time).thenComparing(e -> rank.getOrDefault(e.queueId(), 0)));
        Set<String> ids = new LinkedHashSet<>();
        sorted.forEach(e -> ids.add(e.queueId()));
        return new MessageTrace(new ArrayList<>(ids), sorted);
    }

    /** How many hops ("queued as") lie before each queue ID (0 for where the message entered). */
    private static Map<String, Integer> hopRanks(List<LogEvent> events) {
        Map<String, String> previous = new HashMap<>();
        for (LogEvent e : events) {
            if (e.nextQueueId() != null && !e.nextQueueId().equals(e.queueId())) {
                previous.putIfAbsent(e.nextQueueId(), e.queueId());
            }
        }
        Map<String, Integer> rank = new HashMap<>();
        for (LogEvent e : events) {
            int hops = 0;
            String at = e.queueId();
            while (previous.containsKey(at) && hops <= previous.size()) { // bounded: a loop of IDs ends too
                at = previous.get(at);
                hops++;
            }
            rank.put(e.queueId(), hops);
        }
        return rank;
    }

    /** The envelope sender of its first hop, or null if the log does not say ("" is the null sender). */
    public String sender() {
        return events.stream().filter(e -> e.sender() != null).map(LogEvent::sender).findFirst().orElse(null);
    }

    public String messageId() {
        return events.stream().filter(e -> e.messageId() != null).map(LogEvent::messageId).findFirst().orElse(null);
    }

    /**
     * Per recipient, its last delivery attempt that did not just hand the message on to the next
     * queue ID (a content filter's "sent … queued as NEW" counts only while nothing followed).
     */
    public Map<String, LogEvent> finalAttempts() {
        Map<String, LogEvent> last = new LinkedHashMap<>();
        for (LogEvent e : events) {
            if (!e.kind().isAttempt() || e.recipient() == null) {
                continue;
            }
            LogEvent before = last.get(e.recipient());
            if (before == null || before.nextQueueId() != null || e.nextQueueId() == null) {
                last.put(e.recipient(), e);
            }
        }
        return last;
    }

    /** The delivery attempts for one recipient, oldest first (hand-ons to the next queue ID left out). */
    public List<LogEvent> attempts(String recipient) {
        return events.stream().filter(e -> e.kind().isAttempt() && recipient.equals(e.recipient())
                && e.nextQueueId() == null).toList();
    }

    /** Whether the log shows the message leave the queue (Postfix removed, Exim Completed) under its last ID. */
    public boolean completed() {
        String last = queueIds.get(queueIds.size() - 1);
        return events.stream().anyMatch(e -> e.kind() == LogEventKind.REMOVED && last.equals(e.queueId()));
    }
}
