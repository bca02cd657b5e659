package dev.qctl.queue;

import dev.qctl.model.Action;
import dev.qctl.model.QueuedMessage;
import java.util.List;

/**
 * What an action is about to do, for the confirmation: how many messages on which hosts, and the
 * first few of them.
 */
public record ActionPreview(Action action, int total, List<HostCount> hosts, List<Sample> sample) {
    /** How many messages one host selected. */
    public record HostCount(String host, String mta, int messages) {
    }

    /** One of the selected messages, with its host. */
    public record Sample(String host, QueuedMessage message) {
    }

    public static final int SAMPLE_SIZE = 5;
}
