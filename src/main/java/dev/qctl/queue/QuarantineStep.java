package dev.qctl.queue;

import dev.qctl.ExitCode;
import dev.qctl.model.ActionOutcome.Result;
import dev.qctl.model.Sizes;
import dev.qctl.mta.OutcomeSink;
import dev.qctl.mta.QuarantineSettings;
import dev.qctl.mta.QuarantineStore;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The step of the act path that {@code delete --quarantine} adds. After the selection the quarantine
 * is made ready (retention and size cap enforced, free space checked: a refusal stops the host
 * before the confirmation, so nothing is deleted); right before the delete is handed to the MTA
 * the messages are kept in batches under the audit run's ID (each batch checks the free space
 * again). Only the messages kept are deleted; one that could not be kept is not.
 */
final class QuarantineStep {
    private QuarantineStep() {
    }

    /**
     * After the selection, before the confirmation (not in a dry run): the quarantine made ready for
     * the selected messages; throws ({@code NO_SPACE}) when the target cannot keep them.
     */
    static void prepare(ActionRequest request, HostAct act, ActionCallbacks callbacks) {
        if (request.quarantine() == null || request.dryRun() || act.selected.size() == 0) {
            return;
        }
        QuarantineStore store = act.adapter.quarantine(request.quarantine());
        for (QuarantineStore.PurgedRun p : store.prepare(store.estimate(act.selected.size(), act.selectedBytes))) {
            callbacks.warn(act.host + ": quarantine run " + p.run() + " purged (" + Sizes.human(p.bytes()) + ", " + why(p.why()) + ")");
        }
    }

    /** The IDs that may be deleted now: all of {@code open} without a quarantine, else the ones kept. */
    static List<String> keep(QuarantineSettings settings, HostAct act, AuditLog.Run run, List<String> open,
                             ActionCallbacks callbacks) {
        if (settings == null || open.isEmpty()) {
            return open;
        }
        QuarantineStore store = act.adapter.quarantine(settings);
        MessageTable selected = act.selected;
        BitSet kept = new BitSet(selected.size());
        try {
            store.store(run.id(), open, new OutcomeSink() {
                @Override
                public void outcome(String id, Result result, String detail) {
                    int i = selected.indexOf(id);
                    if (i < 0) {
                        return;
                    }
                    if (result == Result.OK) {
                        kept.set(i);
                    } else {
                        act.settle(i, result, detail);
                    }
                }

                @Override
                public void handedOver(String id) {
                }
            });
        } catch (RuntimeException e) {
            act.fail(ExitCode.messageOf(e), ExitCode.of(e)); // what was kept is still deleted; the rest stays
        }
        List<String> deletable = new ArrayList<>(kept.cardinality());
        for (int i = kept.nextSetBit(0); i >= 0; i = kept.nextSetBit(i + 1)) {
            deletable.add(selected.id(i));
        }
        return deletable;
    }

    private static String why(String why) {
        return switch (why) {
            case "age" -> "older than the retention";
            case "size" -> "over the size cap";
            case "empty" -> "all restored";
            default -> why;
        };
    }
}
