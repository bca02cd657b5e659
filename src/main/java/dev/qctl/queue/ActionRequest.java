package dev.qctl.queue;

import dev.qctl.model.Action;
import dev.qctl.mta.QuarantineSettings;

/**
 * One action as asked for: what to do, to which messages, and whether only to show it.
 *
 * @param filterText the filter as the user wrote it, for the audit log ("" when none)
 * @param quarantine where a delete keeps the messages first ({@code delete --quarantine}), or null
 * @param pacing     how fast the messages go to the MTA ({@link Pacing#NONE}: all at once)
 */
public record ActionRequest(Action action, Selection selection, boolean dryRun, String filterText,
                            QuarantineSettings quarantine, Pacing pacing) {
    public ActionRequest {
        filterText = filterText == null ? "" : filterText;
        pacing = pacing == null ? Pacing.NONE : pacing;
        if (quarantine != null && action != Action.DELETE) {
            throw new IllegalArgumentException("only delete can quarantine messages");
        }
    }

    public ActionRequest(Action action, Selection selection, boolean dryRun, String filterText,
                         QuarantineSettings quarantine) {
        this(action, selection, dryRun, filterText, quarantine, Pacing.NONE);
    }

    public ActionRequest(Action action, Selection selection, boolean dryRun, String filterText, Pacing pacing) {
        this(action, selection, dryRun, filterText, null, pacing);
    }

    public ActionRequest(Action action, Selection selection, boolean dryRun, String filterText) {
        this(action, selection, dryRun, filterText, null, Pacing.NONE);
    }
}
