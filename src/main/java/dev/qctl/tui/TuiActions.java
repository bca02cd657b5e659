package dev.qctl.tui;

import dev.qctl.model.QueuedMessage;
import dev.qctl.mta.Action;
import dev.qctl.mta.ActionOutcome;
import dev.qctl.queue.ActionRun;
import dev.qctl.queue.AuditLog;
import dev.qctl.queue.MessageFilter;
import dev.qctl.queue.Selection;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs an action from the browser the way the CLI does: per host, the same capability check, ID
 * validation, {@link ActionRun} with a {@link Selection} of the explicit IDs, and one audit record.
 */
public final class TuiActions {
    private final List<Target> targets;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Consumer<String> warnings;

    public TuiActions(List<Target> targets, AuditLog auditLog, Clock clock, Consumer<String> warnings) {
        this.targets = List.copyOf(targets);
        this.auditLog = auditLog;
        this.clock = clock;
        this.warnings = warnings;
    }

    /** Why the action cannot run on these messages (an MTA that does not support it), or null. */
    public String refusal(Action action, List<QueuedMessage> messages) {
        for (Map.Entry<Target, List<String>> e : byTarget(messages).entrySet()) {
            if (!e.getKey().adapter().actions().contains(action)) {
                return e.getKey().adapter().unsupported(action);
            }
        }
        return null;
    }

    /** Acts and returns every outcome; the one-line summary is {@link ActionRun#tally}. */
    public List<ActionOutcome> run(Action action, List<QueuedMessage> messages) {
        List<ActionOutcome> all = new ArrayList<>();
        for (Map.Entry<Target, List<String>> e : byTarget(messages).entrySet()) {
            Target target = e.getKey();
            if (!target.adapter().actions().contains(action)) {
                throw new IllegalArgumentException(target.adapter().unsupported(action));
            }
            e.getValue().forEach(target.adapter().idGrammar()::require);
            Selection selection = new Selection(e.getValue(), MessageFilter.none(), false);
            ActionRun run = new ActionRun(target.adapter(), action, warnings);
            run.resolve(selection, clock.instant(), m -> { });
            List<ActionOutcome> outcomes = run.execute();
            try {
                auditLog.append(new AuditLog.Entry(clock.instant(), System.getProperty("user.name"), target.host(),
                        target.adapter().mta().label(), action.label(), selection.kind(), outcomes));
            } catch (UncheckedIOException ex) {
                warnings.accept(ex.getMessage());
            }
            all.addAll(outcomes);
        }
        return all;
    }

    private Map<Target, List<String>> byTarget(List<QueuedMessage> messages) {
        Map<Target, List<String>> grouped = new LinkedHashMap<>();
        for (QueuedMessage m : messages) {
            Target t = targetOf(m.host());
            grouped.computeIfAbsent(t, k -> new ArrayList<>()).add(m.id());
        }
        return grouped;
    }

    Target targetOf(String host) {
        if (targets.size() == 1) {
            return targets.get(0);
        }
        return targets.stream().filter(t -> t.host().equals(host)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no target " + host));
    }
}
