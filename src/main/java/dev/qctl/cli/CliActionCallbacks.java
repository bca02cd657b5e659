package dev.qctl.cli;

import dev.qctl.model.QueuedMessage;
import dev.qctl.output.RecordWriter;
import dev.qctl.output.TerminalProgress;
import dev.qctl.queue.ActionCallbacks;
import dev.qctl.queue.ActionPreview;
import dev.qctl.queue.HostResult;
import dev.qctl.queue.Progress;
import dev.qctl.queue.Selection;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line's side of an action: the confirmation rules, the dry run's records in host
 * order, a progress bar on a terminal, and failed hosts as they fail.
 *
 * <p>Confirmation: with a person at a terminal (stdout or stderr a terminal, and the controlling
 * terminal opens: never judged by stdin), more than one message or any rule-based selection is
 * asked about; without one, a rule-based selection needs --yes and explicit IDs do not.
 */
final class CliActionCallbacks implements ActionCallbacks {
    private final CliContext context;
    private final ActionOptions safety;
    private final Selection selection;
    private final RecordWriter dryRunWriter;
    private final List<List<QueuedMessage>> heldForTheirTurn = new ArrayList<>();

    CliActionCallbacks(CliContext context, ActionOptions safety, Selection selection, RecordWriter dryRunWriter,
                       int hosts) {
        this.context = context;
        this.safety = safety;
        this.selection = selection;
        this.dryRunWriter = dryRunWriter;
        for (int i = 0; i < hosts; i++) {
            heldForTheirTurn.add(new ArrayList<>());
        }
    }

    @Override
    public boolean confirm(ActionPreview preview) {
        if (safety.yes) {
            return true;
        }
        if (preview.total() <= 1 && !selection.byRule()) {
            return true;
        }
        if (!Prompter.available()) {
            if (selection.byRule()) {
                throw new IllegalArgumentException("refusing to " + preview.action().label() + " "
                        + ActionCommand.count(preview.total()) + " selected by " + (selection.all() ? "--all" : "filter")
                        + " without --yes (no terminal to confirm on)");
            }
            return true;
        }
        return Prompter.confirm(ActionPrompt.text(preview, context.clock().instant()), "Proceed?");
    }

    /** The first host's records print at once; the others' wait for their turn, so hosts do not mix. */
    @Override
    public void selected(int hostIndex, QueuedMessage message) {
        if (hostIndex == 0) {
            synchronized (dryRunWriter) {
                dryRunWriter.write(message);
            }
        } else {
            synchronized (heldForTheirTurn) {
                heldForTheirTurn.get(hostIndex).add(message);
            }
        }
    }

    void finishDryRun() {
        synchronized (dryRunWriter) {
            heldForTheirTurn.forEach(held -> held.forEach(dryRunWriter::write));
            dryRunWriter.finish();
        }
    }

    @Override
    public Progress progress() {
        return TerminalProgress.onStderr(context.err(), "qctl", !safety.quiet);
    }

    @Override
    public void hostFailed(HostResult<?> failure) {
        HostErrors.print(context, failure);
    }

    @Override
    public void warn(String message) {
        context.warn(message);
    }
}
