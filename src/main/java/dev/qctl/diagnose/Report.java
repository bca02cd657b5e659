package dev.qctl.diagnose;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The diagnosis of one queue (or of several hosts together).
 *
 * @param messages           messages looked at (after the filters)
 * @param deferredMessages   messages with at least one deferred recipient
 * @param deferredRecipients recipients with a delay reason: these are classified
 * @param untriedRecipients  recipients still waiting for a first attempt (no reason yet)
 * @param deadline           the bounce deadline of this host's MTA, or null (several hosts, or unknown)
 */
public record Report(long messages, long deferredMessages, long deferredRecipients, long untriedRecipients,
                     List<CauseReport> causes, List<Signal> signals, Deadline deadline) {

    /**
     * One cause.
     *
     * @param domains      the destination domains with most recipients, most first
     * @param domainsExact false when there were more domains than tracked, so counts are lower bounds
     * @param oldest       the age of the oldest message with a recipient of this cause
     * @param example      one reason as the MTA wrote it (of the most frequent kind)
     * @param rules        which rules classified how many recipients
     */
    public record CauseReport(Cause cause, long messages, long recipients, List<DomainCount> domains,
                              boolean domainsExact, Duration oldest, String example, Map<String, Long> rules,
                              NextStep next) {
    }

    public record DomainCount(String domain, long recipients) {
    }

    /**
     * @param lifetime the MTA's setting
     * @param oldest   age of the oldest message (null for an empty queue)
     * @param near     messages within the warning window of their deadline
     * @param window   how close to the deadline counts as near
     */
    public record Deadline(dev.qctl.mta.QueueLifetime lifetime, Duration oldest, long near, Duration window) {
    }
}
