package dev.qctl.queue;

import dev.qctl.ExitCode;
import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome;
import dev.qctl.model.ActionOutcome.Result;
import dev.qctl.mta.ActionPlan;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What an action did: per host, an outcome for every message (read from compact tables as it is
 * printed, never copied into a list), the hosts that failed and why, and the exit code.
 */
public final class ActionReport {
    /** One message's outcome with where it happened. */
    public record Row(String host, String mta, ActionOutcome outcome) {
    }

    /** One host's part: its MTA, its error (null when none), and for a dry run what it would run. */
    public record HostView(String host, String mta, String mtaName, String error, boolean reached, int selected,
                           List<ActionOutcome> earlyOutcomes) {
    }

    private final Action action;
    private final boolean dryRun;
    private final boolean several;
    private final List<HostAct> acts;
    private final boolean declined;
    private volatile String runId;

    ActionReport(Action action, boolean dryRun, boolean several, List<HostAct> acts) {
        this(action, dryRun, several, acts, false);
    }

    private ActionReport(Action action, boolean dryRun, boolean several, List<HostAct> acts, boolean declined) {
        this.action = action;
        this.dryRun = dryRun;
        this.several = several;
        this.acts = List.copyOf(acts);
        this.declined = declined;
    }

    ActionReport declined() {
        return new ActionReport(action, dryRun, several, acts, true);
    }

    /** The audit run ID of what was done, or null (a dry run, nothing selected, declined). */
    public String runId() {
        return runId;
    }

    void runId(String id) {
        runId = id;
    }

    public boolean isDeclined() {
        return declined;
    }

    public Action action() {
        return action;
    }

    public boolean several() {
        return several;
    }

    public List<HostView> hosts() {
        return acts.stream().map(a -> new HostView(a.host, a.unresolved ? "" : a.adapter.mta().label(),
                a.unresolved ? "" : a.adapter.mta().displayName(), a.error(), !a.unresolved, a.selected.size(),
                a.selected.size() + a.early.size() > 10_000 ? List.of() : outcomes(a.early, a.early.size()))).toList();
    }

    /** The commands a dry run shows for one host (by its position). */
    public ActionPlan plan(int host) {
        HostAct a = acts.get(host);
        return a.adapter.plan(action, a.selected.ids());
    }

    /** The hosts that failed (to resolve, or midway), with why, in host order. */
    public Map<String, String> failedHosts() {
        Map<String, String> failed = new LinkedHashMap<>();
        acts.stream().filter(a -> a.error() != null).forEach(a -> failed.put(a.host, a.error()));
        return failed;
    }

    /**
     * Every outcome in host order: a host's early outcomes, then its selected messages. With
     * several hosts an ID given by hand is looked for on each, so "not-found" is kept only for an
     * ID no host had (once, from the first host).
     */
    public void forEachRow(Consumer<Row> each) {
        for (HostAct a : acts) {
            if (a.unresolved) {
                continue;
            }
            String mta = a.adapter.mta().label();
            for (int i = 0; i < a.early.size(); i++) {
                String id = a.early.id(i);
                Result r = a.early.result(i);
                if (several && r == Result.NOT_FOUND && (foundElsewhere(id) || reportedBefore(a, id))) {
                    continue;
                }
                each.accept(new Row(a.host, mta, new ActionOutcome(id, r, a.early.detail(i))));
            }
            for (int i = 0; i < a.selected.size(); i++) {
                Result r = a.selected.result(i);
                each.accept(new Row(a.host, mta, new ActionOutcome(a.selected.id(i),
                        r == null ? Result.UNKNOWN : r, r == null ? "" : a.selected.detail(i))));
            }
        }
    }

    private boolean foundElsewhere(String id) {
        for (HostAct a : acts) {
            if (a.unresolved) {
                continue;
            }
            if (a.selected.contains(id)) {
                return true;
            }
            int i = a.early.indexOf(id);
            if (i >= 0 && a.early.result(i) != Result.NOT_FOUND) {
                return true;
            }
        }
        return false;
    }

    private boolean reportedBefore(HostAct host, String id) {
        for (HostAct a : acts) {
            if (a == host) {
                return false;
            }
            if (!a.unresolved && a.early.contains(id)) {
                return true;
            }
        }
        return false;
    }

    /** "3 ok", or per host "mx1: 3 ok; mx2: 1 ok, 1 failed". */
    public String tally() {
        Map<String, Map<Result, Integer>> byHost = new LinkedHashMap<>();
        forEachRow(r -> byHost.computeIfAbsent(several ? r.host() : "", h -> new EnumMap<>(Result.class))
                .merge(r.outcome().result(), 1, Integer::sum));
        if (byHost.isEmpty()) {
            return "no messages selected";
        }
        return byHost.entrySet().stream().map(e -> (several ? e.getKey() + ": " : "") + counts(e.getValue()))
                .collect(Collectors.joining("; "));
    }

    private static String counts(Map<Result, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
    }

    /**
     * 0 when every message is ok on every host; 1 when the confirmation was declined; 4 when no
     * host could be worked on; 3 otherwise (some messages or hosts failed).
     */
    public ExitCode exitCode() {
        if (declined) {
            return ExitCode.ERROR;
        }
        long failed = acts.stream().filter(a -> a.error() != null).count();
        boolean noneReached = acts.stream().allMatch(a -> a.unresolved);
        if (dryRun) {
            return failed == 0 ? ExitCode.OK : noneReached ? ExitCode.UNAVAILABLE : ExitCode.PARTIAL;
        }
        if (noneReached) {
            return ExitCode.UNAVAILABLE;
        }
        boolean[] allOk = {failed == 0};
        forEachRow(r -> allOk[0] &= r.outcome().isOk());
        return allOk[0] ? ExitCode.OK : ExitCode.PARTIAL;
    }

    private static List<ActionOutcome> outcomes(MessageTable table, int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> new ActionOutcome(table.id(i), table.result(i), table.detail(i))).toList();
    }

    /** One host's messages as the audit log's result entry lists them: early outcomes, then the selected. */
    static AuditLog.Messages messages(HostAct act) {
        return new AuditLog.Messages() {
            @Override
            public int size() {
                return act.early.size() + act.selected.size();
            }

            @Override
            public String id(int i) {
                return i < act.early.size() ? act.early.id(i) : act.selected.id(i - act.early.size());
            }

            @Override
            public Result result(int i) {
                Result r = i < act.early.size() ? act.early.result(i) : act.selected.result(i - act.early.size());
                return r == null ? Result.UNKNOWN : r;
            }

            @Override
            public String detail(int i) {
                return i < act.early.size() ? act.early.detail(i) : act.selected.detail(i - act.early.size());
            }
        };
    }
}
