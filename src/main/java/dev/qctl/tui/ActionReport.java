package dev.qctl.tui;

import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.ArrayList;
import java.util.List;

/**
 * The one line the status bar shows after an action: "hold: 2 ok" on one host; per host when
 * the browser shows several, "hold: 3 ok on pf; 2 ok on ex", or "ex: why" for a host that failed.
 * The first message a host could not act on is named, so a failure never goes unexplained.
 */
final class ActionReport {
    private ActionReport() {
    }

    static String line(Action action, List<TuiActions.HostRun> runs, boolean severalHosts) {
        if (!severalHosts && runs.size() == 1) {
            TuiActions.HostRun run = runs.get(0);
            return run.error() != null ? action.label() + " failed: " + run.error()
                    : action.label() + ": " + tally(run.outcomes()) + firstProblem(run.outcomes());
        }
        List<String> parts = new ArrayList<>();
        for (TuiActions.HostRun run : runs) {
            parts.add(run.error() != null ? run.host() + ": " + run.error()
                    : tally(run.outcomes()) + " on " + run.host() + firstProblem(run.outcomes()));
        }
        return action.label() + ": " + String.join("; ", parts);
    }

    /** "2 ok, 1 not-found". */
    static String tally(List<ActionOutcome> outcomes) {
        Map<ActionOutcome.Result, Long> counts = outcomes.stream().collect(Collectors.groupingBy(ActionOutcome::result,
                () -> new EnumMap<>(ActionOutcome.Result.class), Collectors.counting()));
        if (counts.isEmpty()) {
            return "no messages selected";
        }
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "));
    }

    private static String firstProblem(List<ActionOutcome> outcomes) {
        return outcomes.stream().filter(o -> !o.isOk()).findFirst()
                .map(o -> " (" + o.id() + ": " + o.detail() + ")").orElse("");
    }
}
