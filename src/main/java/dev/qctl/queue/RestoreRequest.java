package dev.qctl.queue;

/**
 * A restore as asked for: which kept messages (IDs, a filter, {@code --all}), optionally only those
 * of one audit run, and whether only to show them.
 *
 * @param run        the audit run ID whose messages to restore, or null for any run
 * @param filterText the filter as the user wrote it, for the audit log ("" when none)
 */
public record RestoreRequest(Selection selection, String run, boolean dryRun, String filterText) {
    public RestoreRequest {
        filterText = filterText == null ? "" : filterText;
        if (run != null && !run.matches("[0-9a-z]+-[0-9a-f]+")) {
            throw new IllegalArgumentException("'" + dev.qctl.model.Sanitizer.inline(run)
                    + "' is not a run ID of the audit log (e.g. t6b1x2-0a1b2c)");
        }
    }

    /** True when it names nothing: restoring the whole quarantine needs --all. */
    boolean isUnbounded() {
        return run == null && selection.isUnbounded();
    }

    /** How the messages were chosen, as the audit log records it. */
    String kind() {
        return run == null ? selection.kind() : selection.byIds() || !selection.filter().isEmpty() ? "run+" + selection.kind() : "run";
    }
}
