package dev.qctl.monitor;

import dev.qctl.queue.QueueSummary;
import java.time.Duration;

/**
 * What one read of one host's queue gave: the summary (null when it failed), the MTA, how long
 * it took, and the error that stopped it.
 */
public record HostSnapshot(String host, String mta, QueueSummary.Result summary, Duration took, String error) {
    public boolean ok() {
        return summary != null;
    }
}
