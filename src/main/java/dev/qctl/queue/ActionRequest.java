package dev.qctl.queue;

import dev.qctl.model.Action;
import dev.qctl.mta.QuarantineSettings;

/**
 * One action as asked for: what to do, to which messages, and whether only to show it.
 *
 * @param filterText the filter as the user wrote it, for the audit log ("" when none)
 * @param quarantine where a delete keeps the messages first ({@code delete --quarantine}), or null
 */
public record ActionRequest(Action action, Selection selection, boolean dryRun, String filterText,
                            QuarantineSettings quarantine) {
    public ActionRequest {
        filterText = filterText == null ? "" : filterText;
        if (quarantine != null && action != Action.DELETE) {
            throw new IllegalArgumentException("only delete can quarantine messages");
        }
    }

    public ActionRequest(Action action, Selection selection, boolean dryRun, String filterText) {
        this(action, selection, dryRun, filterText, null);
    }
}
