package dev.qctl.queue;

import dev.qctl.model.QueuedMessage;

/** What the act use case asks of the CLI or the TUI while it runs. */
public interface ActionCallbacks {
    /**
     * Whether to go ahead: called once, after the selection and before anything changes, when at
     * least one message is selected (not in a dry run).
     */
    boolean confirm(ActionPreview preview);

    /** In a dry run, each selected record as it is selected (from the host's thread). */
    default void selected(int hostIndex, QueuedMessage message) {
    }

    /** Where to show how far the action is (messages with an outcome out of all selected). */
    default Progress progress() {
        return Progress.NONE;
    }

    /** A host that failed, as soon as it did. */
    default void hostFailed(HostResult<?> failure) {
    }

    /** A one-line warning (a record that could not be read, an audit problem after acting). */
    void warn(String message);
}
