package dev.qctl.cli;

import dev.qctl.model.ActionOutcome;
import dev.qctl.output.OutcomeWriter;
import dev.qctl.queue.ActionRun;
import dev.qctl.queue.HostResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The results of an action over hosts, as the rows to print and the one-line tally. */
final class ActionRows {
    private ActionRows() {
    }

    /**
     * The rows of every host in host order. With several hosts an ID given by hand is looked for on
     * each, so "not-found" is kept only for an ID no host had (once, from the first host).
     */
    static List<OutcomeWriter.Row> merge(List<HostResult<List<OutcomeWriter.Row>>> done, boolean several) {
        List<OutcomeWriter.Row> all = new ArrayList<>();
        done.stream().filter(r -> r.ok() && r.value() != null).forEach(r -> all.addAll(r.value()));
        if (!several) {
            return all;
        }
        Set<String> foundSomewhere = all.stream().filter(r -> r.outcome().result() != ActionOutcome.Result.NOT_FOUND)
                .map(r -> r.outcome().id()).collect(Collectors.toSet());
        Set<String> reported = new HashSet<>();
        List<OutcomeWriter.Row> kept = new ArrayList<>();
        for (OutcomeWriter.Row r : all) {
            boolean notFound = r.outcome().result() == ActionOutcome.Result.NOT_FOUND;
            if (!notFound || !foundSomewhere.contains(r.outcome().id()) && reported.add(r.outcome().id())) {
                kept.add(r);
            }
        }
        return kept;
    }

    /** "3 ok", or per host "mx1: 3 ok; mx2: 1 ok, 1 failed". */
    static String tally(List<OutcomeWriter.Row> rows, boolean several) {
        if (!several) {
            return ActionRun.tally(rows.stream().map(OutcomeWriter.Row::outcome).toList());
        }
        Map<String, List<ActionOutcome>> byHost = new LinkedHashMap<>();
        rows.forEach(r -> byHost.computeIfAbsent(r.host(), h -> new ArrayList<>()).add(r.outcome()));
        if (byHost.isEmpty()) {
            return "no messages selected";
        }
        return byHost.entrySet().stream().map(e -> e.getKey() + ": " + ActionRun.tally(e.getValue()))
                .collect(Collectors.joining("; "));
    }
}
