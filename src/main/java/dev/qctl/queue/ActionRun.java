package dev.qctl.queue;

import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome;
import dev.qctl.mta.MtaAdapter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One action on one target, in the order that keeps it safe: resolve the selection against the
 * queue (one streamed pass), let the caller confirm, check that reused IDs still name the same
 * messages, act in as few MTA commands as possible, and return one outcome per message.
 */
public final class ActionRun {
    private final MtaAdapter adapter;
    private final Action action;
    private final Consumer<String> warnings;
    private final List<SelectedMessage> selected = new ArrayList<>();
    private final List<ActionOutcome> early = new ArrayList<>();

    public ActionRun(MtaAdapter adapter, Action action, Consumer<String> warnings) {
        this.adapter = adapter;
        this.action = action;
        this.warnings = warnings;
    }

    /**
     * Reads the queue once and keeps what the selection names. Every selected record also goes to
     * {@code each} (a dry run prints them, a confirmation samples them). Explicit IDs that are not
     * in the queue, or do not match the filter, get their outcome here.
     */
    public List<SelectedMessage> resolve(Selection selection, Instant now, Consumer<QueuedMessage> each) {
        Set<String> wanted = selection.idSet();
        Map<String, Boolean> seen = new HashMap<>();
        try (Stream<QueuedMessage> all = adapter.list(warnings)) {
            all.forEach(m -> {
                if (selection.byIds() && !wanted.contains(m.id())) {
                    return;
                }
                boolean match = selection.filter().matches(m, now);
                seen.put(m.id(), match);
                String done = match ? action.alreadyDone(m) : null;
                if (done != null) {
                    early.add(new ActionOutcome(m.id(), ActionOutcome.Result.OK, done + ": nothing to do"));
                } else if (match) {
                    selected.add(SelectedMessage.of(m));
                    each.accept(m);
                }
            });
        }
        for (String id : new LinkedHashSet<>(selection.ids())) {
            Boolean match = seen.get(id);
            if (match == null) {
                early.add(ActionOutcome.notFound(id));
            } else if (!match) {
                early.add(new ActionOutcome(id, ActionOutcome.Result.SKIPPED, "does not match the filter"));
            }
        }
        return List.copyOf(selected);
    }

    /** Outcomes known before acting: IDs not in the queue or outside the filter. */
    public List<ActionOutcome> earlyOutcomes() {
        return List.copyOf(early);
    }

    /**
     * Acts on the selected messages. Where the MTA reuses IDs, the queue is read again first and a
     * message whose ID now names another message is skipped, one that is gone is not-found.
     */
    public List<ActionOutcome> execute() {
        List<ActionOutcome> outcomes = new ArrayList<>(early);
        List<String> ids = new ArrayList<>(selected.size());
        if (adapter.reusesQueueIds() && !selected.isEmpty()) {
            Map<String, QueuedMessage> now = new HashMap<>();
            Set<String> selectedIds = Set.copyOf(selected.stream().map(SelectedMessage::id).toList());
            try (Stream<QueuedMessage> all = adapter.list(warnings)) {
                all.filter(m -> selectedIds.contains(m.id())).forEach(m -> now.put(m.id(), m));
            }
            for (SelectedMessage s : selected) {
                QueuedMessage current = now.get(s.id());
                if (current == null) {
                    outcomes.add(new ActionOutcome(s.id(), ActionOutcome.Result.NOT_FOUND, "left the queue before the action"));
                } else if (!s.sameMessageAs(current)) {
                    outcomes.add(new ActionOutcome(s.id(), ActionOutcome.Result.SKIPPED,
                            "the queue ID now names another message"));
                } else {
                    ids.add(s.id());
                }
            }
        } else {
            selected.forEach(s -> ids.add(s.id()));
        }
        outcomes.addAll(adapter.act(action, ids));
        return outcomes;
    }

    /** The outcomes counted per result, for a one-line summary: "2 ok, 1 not-found". */
    public static String tally(List<ActionOutcome> outcomes) {
        Map<ActionOutcome.Result, Long> counts = outcomes.stream()
                .collect(Collectors.groupingBy(ActionOutcome::result, () -> new EnumMap<>(ActionOutcome.Result.class),
                        Collectors.counting()));
        if (counts.isEmpty()) {
            return "no messages selected";
        }
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
    }
}
