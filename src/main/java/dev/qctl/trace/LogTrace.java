package dev.qctl.trace;

import dev.qctl.model.LogEvent;
import dev.qctl.mta.LogSources;
import dev.qctl.mta.MailLog;
import dev.qctl.queue.TextPattern;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Traces messages through one host's mail log in a few passes, each one search on the host for
 * every needle still open ({@code grep -F -e A -e B …}): the queue IDs asked for (or the Message-ID,
 * or the address), then the queue IDs and Message-IDs those lines name (Postfix's
 * {@code queued as NEW} after a content filter, the same {@code message-id=} after a re-injection
 * or postsuper -r, and the hop before: the line {@code OLD: … queued as ID}), until nothing new
 * turns up or {@link LogQuery#maxPasses()} is reached. A queue ID's lines are kept from the pass
 * that searched for it; the same line seen again later is not kept twice.
 */
public final class LogTrace {
    /** Events kept in memory at most (a trace of --from a busy sender stops there, with a warning). */
    static final int MAX_EVENTS = 200_000;

    private final MailLog log;
    private final Consumer<String> warnings;

    public LogTrace(MailLog log, Consumer<String> warnings) {
        this.log = log;
        this.warnings = warnings;
    }

    public TraceResult trace(LogQuery query) {
        LogSources sources = log.locate(query.logFile());
        State state = new State();
        int passes = 0;
        Set<String> pendingIds = new LinkedHashSet<>(query.ids());
        Set<String> pendingMessageIds = new LinkedHashSet<>();
        if (!query.ids().isEmpty()) {
            passes++;
            pendingIds = searchIds(sources, query, state, pendingIds, Set.of());
        } else {
            passes++;
            pendingIds = firstPass(sources, query, state);
        }
        while (passes < query.maxPasses()) {
            pendingIds.removeAll(state.searchedIds);
            pendingMessageIds = log.followsMessageIds() ? state.unsearchedMessageIds() : Set.of();
            if (pendingIds.isEmpty() && pendingMessageIds.isEmpty()) {
                break;
            }
            passes++;
            pendingIds = searchIds(sources, query, state, pendingIds, pendingMessageIds);
        }
        pendingIds.removeAll(state.searchedIds);
        boolean open = !pendingIds.isEmpty() || log.followsMessageIds() && !state.unsearchedMessageIds().isEmpty();
        if (open && query.maxPasses() > 1) { // one pass (qctl show --attempts) means: do not follow
            warnings.accept(log.target() + ": stopped after " + passes + " searches of the log; not followed: "
                    + String.join(", ", pendingIds.isEmpty() ? state.unsearchedMessageIds() : pendingIds));
        }
        return new TraceResult(sources, state.messages(), passes);
    }

    /**
     * Searches for {@code ids} (all not searched yet) and {@code messageIds}; keeps the lines of those
     * IDs and returns the queue IDs newly linked to them.
     */
    private Set<String> searchIds(LogSources sources, LogQuery query, State state, Set<String> ids,
                                  Set<String> messageIds) {
        Set<String> needles = new LinkedHashSet<>(ids);
        needles.addAll(messageIds);
        state.searchedIds.addAll(ids);
        state.searchedMessageIds.addAll(messageIds);
        Set<String> found = new LinkedHashSet<>();
        log.search(sources, needles, false, query.since(), query.until(), e -> {
            if (e.queueId() == null) {
                return;
            }
            if (ids.contains(e.queueId())) {
                state.add(e);
                if (e.nextQueueId() != null) {
                    state.link(e.queueId(), e.nextQueueId());
                    found.add(e.nextQueueId());
                }
            } else if (e.nextQueueId() != null && state.known(e.nextQueueId())) {
                state.link(e.queueId(), e.nextQueueId()); // the hop before: OLD: … queued as ID
                found.add(e.queueId());
            } else if (e.messageId() != null && messageIds.contains(e.messageId())) {
                state.linkMessageId(e.queueId(), e.messageId());
                found.add(e.queueId());
            }
        });
        return found;
    }

    /** --message-id, --from, --to: finds the queue IDs (at most the limit) whose lines the next pass reads. */
    private Set<String> firstPass(LogSources sources, LogQuery query, State state) {
        Set<String> ids = new LinkedHashSet<>();
        boolean[] truncated = {false};
        Set<String> needles = new LinkedHashSet<>();
        boolean ignoreCase;
        TextPattern from = query.fromPattern();
        TextPattern to = query.toPattern();
        if (query.messageId() != null) {
            needles.add(query.messageId());
            ignoreCase = false;
            state.searchedMessageIds.add(query.messageId());
        } else {
            if (query.from() != null) {
                needles.add(AddressNeedle.of(query.from(), "--from"));
            }
            if (query.to() != null) {
                needles.add(AddressNeedle.of(query.to(), "--to"));
            }
            ignoreCase = true;
        }
        Map<String, Boolean> fromMatched = new HashMap<>();
        Map<String, Boolean> toMatched = new HashMap<>();
        log.search(sources, needles, ignoreCase, query.since(), query.until(), e -> {
            if (e.queueId() == null) {
                return;
            }
            boolean hit;
            if (query.messageId() != null) {
                hit = query.messageId().equals(e.messageId());
                if (hit) {
                    state.linkMessageId(e.queueId(), e.messageId());
                }
            } else {
                if (from != null && e.sender() != null && from.matches(e.sender())) {
                    fromMatched.put(e.queueId(), true);
                }
                if (to != null && e.recipient() != null && to.matches(e.recipient())) {
                    toMatched.put(e.queueId(), true);
                }
                hit = (from == null || fromMatched.containsKey(e.queueId()))
                        && (to == null || toMatched.containsKey(e.queueId()));
            }
            if (hit && !ids.contains(e.queueId())) {
                if (ids.size() < query.limit()) {
                    ids.add(e.queueId());
                } else {
                    truncated[0] = true;
                }
            }
        });
        if (truncated[0]) {
            warnings.accept(log.target() + ": more than " + query.limit() + " messages match; showing the first "
                    + query.limit() + " (--limit)");
        }
        return ids;
    }

    /** The lines kept so far and how their queue IDs belong together. */
    private final class State {
        final Set<String> searchedIds = new LinkedHashSet<>();
        final Set<String> searchedMessageIds = new LinkedHashSet<>();
        final Map<String, List<LogEvent>> events = new LinkedHashMap<>();
        final Map<String, String> parent = new HashMap<>();
        final Map<String, String> ownerOfMessageId = new HashMap<>();
        int count;
        boolean full;

        void add(LogEvent e) {
            if (count >= MAX_EVENTS) {
                if (!full) {
                    full = true;
                    warnings.accept(log.target() + ": more than " + MAX_EVENTS + " log lines; the rest is left out");
                }
                return;
            }
            count++;
            events.computeIfAbsent(e.queueId(), k -> new ArrayList<>()).add(e);
            root(e.queueId());
            if (e.messageId() != null && log.followsMessageIds()) {
                linkMessageId(e.queueId(), e.messageId());
            }
        }

        boolean known(String id) {
            return parent.containsKey(id) || searchedIds.contains(id);
        }

        void linkMessageId(String id, String messageId) {
            String owner = ownerOfMessageId.putIfAbsent(messageId, id);
            if (owner != null) {
                link(owner, id);
            } else {
                root(id);
            }
        }

        Set<String> unsearchedMessageIds() {
            Set<String> open = new LinkedHashSet<>(ownerOfMessageId.keySet());
            open.removeAll(searchedMessageIds);
            return open;
        }

        void link(String a, String b) {
            String ra = root(a);
            String rb = root(b);
            if (!ra.equals(rb)) {
                parent.put(rb, ra);
            }
        }

        String root(String id) {
            String p = parent.putIfAbsent(id, id);
            if (p == null || p.equals(id)) {
                return id;
            }
            String r = root(p);
            parent.put(id, r);
            return r;
        }

        List<MessageTrace> messages() {
            Map<String, List<LogEvent>> groups = new LinkedHashMap<>();
            for (Map.Entry<String, List<LogEvent>> entry : events.entrySet()) {
                groups.computeIfAbsent(root(entry.getKey()), k -> new ArrayList<>()).addAll(entry.getValue());
            }
            List<MessageTrace> traces = new ArrayList<>();
            for (List<LogEvent> group : groups.values()) {
                traces.add(MessageTrace.of(group));
            }
            traces.sort(Comparator.comparing(t -> t.events().get(0).time()));
            return traces;
        }
    }
}
