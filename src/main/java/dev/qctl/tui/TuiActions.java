package dev.qctl.tui;

import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome;
import dev.qctl.queue.ActionCallbacks;
import dev.qctl.queue.ActionHosts;
import dev.qctl.queue.ActionPreview;
import dev.qctl.queue.ActionReport;
import dev.qctl.queue.ActionRequest;
import dev.qctl.queue.ActionService;
import dev.qctl.queue.AuditLog;
import dev.qctl.queue.MessageFilter;
import dev.qctl.queue.Selection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs an action from the browser through the act use case the CLI uses ({@link ActionService}):
 * per host, the same capability check, ID validation, audit intent and result, outcome per message.
 * A host that cannot do the action, or fails, does not stop the others: each host gets its result.
 */
public final class TuiActions {
    /** What the action did on one host: an outcome per message, or why nothing was done there. */
    public record HostRun(String host, List<ActionOutcome> outcomes, String error) {
        static HostRun failed(String host, String error) {
            return new HostRun(host, List.of(), error);
        }
    }

    private final List<Target> targets;
    private final ActionService service;
    private final Consumer<String> warnings;

    public TuiActions(List<Target> targets, AuditLog auditLog, Clock clock, Consumer<String> warnings) {
        this.targets = List.copyOf(targets);
        this.service = new ActionService(auditLog, clock);
        this.warnings = warnings;
    }

    /**
     * Why the action cannot run on these messages at all (no host of theirs supports it), or null
     * when at least one host can; the others then report their refusal in {@link #run}.
     */
    public String refusal(Action action, List<QueuedMessage> messages) {
        Set<String> refusals = new LinkedHashSet<>();
        for (Target target : byTarget(messages).keySet()) {
            if (target.adapter().actions().contains(action)) {
                return null;
            }
            refusals.add(target.adapter().unsupported(action));
        }
        return refusals.isEmpty() ? null : String.join("; ", refusals);
    }

    /** Acts host by host, in the order of the hosts; one result per host the messages are on. */
    public List<HostRun> run(Action action, List<QueuedMessage> messages) {
        List<HostRun> results = new ArrayList<>();
        for (Map.Entry<Target, List<String>> e : byTarget(messages).entrySet()) {
            Target target = e.getKey();
            try {
                results.add(new HostRun(target.host(), runOn(target, action, e.getValue()), null));
            } catch (RuntimeException ex) {
                results.add(HostRun.failed(target.host(), ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            }
        }
        return results;
    }

    /**
     * One host's marked messages through the act use case, as one run of its own (the same ID on
     * another host is another message). The browser has asked already, so the confirmation is a yes.
     */
    private List<ActionOutcome> runOn(Target target, Action action, List<String> ids) {
        if (!target.adapter().actions().contains(action)) {
            throw new IllegalArgumentException(target.adapter().unsupported(action));
        }
        ActionReport report = service.run(new ActionRequest(action, new Selection(ids, MessageFilter.none(), false), false, ""),
                ActionHosts.inTurn(List.of(new ActionHosts.Open(target.host(), target.adapter()))), new ActionCallbacks() {
                    @Override
                    public boolean confirm(ActionPreview preview) {
                        return true;
                    }

                    @Override
                    public void warn(String message) {
                        warnings.accept(message);
                    }
                });
        String error = report.failedHosts().get(target.host());
        List<ActionOutcome> outcomes = new ArrayList<>();
        report.forEachRow(r -> outcomes.add(r.outcome()));
        if (error != null && outcomes.isEmpty()) {
            throw new IllegalArgumentException(error);
        }
        return outcomes;
    }

    /** The messages' IDs grouped by their host, hosts in the browser's order. */
    private Map<Target, List<String>> byTarget(List<QueuedMessage> messages) {
        Map<Target, List<String>> grouped = new LinkedHashMap<>();
        for (Target t : targets) {
            for (QueuedMessage m : messages) {
                if (targets.size() == 1 || t.host().equals(m.host())) {
                    grouped.computeIfAbsent(t, k -> new ArrayList<>()).add(m.id());
                }
            }
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
