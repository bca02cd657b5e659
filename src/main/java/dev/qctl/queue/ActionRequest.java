package dev.qctl.queue;

import dev.qctl.model.Action;

/**
 * One action as asked for: what to do, to which messages, and whether only to show it.
 *
 * @param filterText the filter as the user wrote it, for the audit log ("" when none)
 */
public record ActionRequest(Action action, Selection selection, boolean dryRun, String filterText) {
    public ActionRequest {
        filterText = filterText == null ? "" : filterText;
    }
}
