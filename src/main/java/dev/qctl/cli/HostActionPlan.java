package dev.qctl.cli;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Action;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.output.RecordWriter;
import dev.qctl.queue.ActionRun;
import dev.qctl.queue.HostTarget;
import dev.qctl.queue.SelectedMessage;
import dev.qctl.queue.Selection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One host's part of an action, resolved and not yet run: what it selected, a sample for the
 * confirmation, and (in a dry run of a host after the first) the records held for their turn.
 */
record HostActionPlan(HostTarget host, MtaAdapter adapter, ActionRun run, List<SelectedMessage> selected,
                      List<QueuedMessage> sample, List<QueuedMessage> held) {
    static final int SAMPLE = 5;

    /**
     * @param several with several hosts an ID is only sent to hosts whose MTA it fits; alone, a
     *                malformed ID stops the command before anything runs
     * @param direct  where a dry run prints records at once (the first host), or null to hold them
     */
    static HostActionPlan resolve(HostTarget host, Action action, Selection selection, boolean several, Instant now,
                                  boolean dryRun, RecordWriter direct, Consumer<String> warnings) {
        MtaAdapter adapter = host.adapter();
        if (!adapter.actions().contains(action)) {
            throw new QctlException(ExitCode.USAGE, adapter.unsupported(action));
        }
        List<String> ids = selection.ids();
        if (several) {
            ids = ids.stream().filter(adapter.idGrammar()::isValid).toList();
        } else {
            ids.forEach(adapter.idGrammar()::require); // one bad ID stops everything, before any command
        }
        ActionRun run = new ActionRun(adapter, action, warnings);
        List<QueuedMessage> sample = new ArrayList<>();
        List<QueuedMessage> held = new ArrayList<>();
        if (selection.byIds() && ids.isEmpty()) {
            return new HostActionPlan(host, adapter, run, List.of(), sample, held); // none of the IDs can be here
        }
        Selection mine = new Selection(ids, selection.filter(), selection.all());
        List<SelectedMessage> selected = run.resolve(mine, now, m -> {
            if (sample.size() < SAMPLE) {
                sample.add(m);
            }
            if (dryRun && direct != null) {
                direct.write(m);
            } else if (dryRun) {
                held.add(m);
            }
        });
        return new HostActionPlan(host, adapter, run, selected, sample, held);
    }
}
