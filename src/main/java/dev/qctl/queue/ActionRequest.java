package dev.qctl.queue;

import dev.qctl.model.Action;

/**
 * One action as asked for: what to do, to which messages, and whether only to show it.
 *
 * @param filterText the filter as the user wrote it, for the audit log ("" when none)
 * @param pacing     how fast the messages go to the MTA ({@link Pacing#NONE}: all at once)
 */
public record ActionRequest(Action action, Selection selection, boolean dryRun, String filterText, Pacing pacing) {
    public ActionRequest {
        filterText = filterText == null ? "" : filterText;
        pacing = pacing == null ? Pacing.NONE : pacing;
    }

    public ActionRequest(Action action, Selection selection, boolean dryRun, String filterText) {
        this(action, selection, dryRun, filterText, Pacing.NONE);
    }
}
