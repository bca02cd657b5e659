package dev.qctl.queue;

import dev.qctl.model.QuarantinedMessage;
import dev.qctl.mta.QuarantineSettings;
import dev.qctl.mta.QuarantineStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reading and purging the quarantine on every host ({@code qctl quarantine list|purge}); both
 * enforce the retention first, as every use of the quarantine does.
 */
public final class QuarantineService {
    private final QuarantineSettings settings;

    public QuarantineService(QuarantineSettings settings) {
        this.settings = settings;
    }

    /** What one host keeps: the messages that match, and the runs its retention purged on the way. */
    public record Kept(List<QuarantinedMessage> messages, List<QuarantineStore.PurgedRun> purged) {
    }

    /** The kept messages that match the filter (and the run, if given) on every host, oldest run first. */
    public List<HostResult<Kept>> list(Fleet fleet, MessageFilter filter, String run, Instant now, Consumer<String> warnings) {
        return fleet.run((host, index) -> {
            QuarantineStore store = host.adapter().quarantine(settings);
            List<QuarantineStore.PurgedRun> purged = store.purge(settings.retention());
            List<QuarantinedMessage> found = new ArrayList<>();
            try (Stream<QuarantinedMessage> kept = store.list(warnings)) {
                kept.filter(q -> run == null || run.equals(q.run()))
                        .filter(q -> filter.matches(q.message(), now))
                        .forEach(found::add);
            }
            return new Kept(found, purged);
        });
    }

    /** Purges the runs older than this (every run for zero) on every host, and what the size cap says must go. */
    public List<HostResult<List<QuarantineStore.PurgedRun>>> purge(Fleet fleet, Duration olderThan) {
        return fleet.run((host, index) -> host.adapter().quarantine(settings).purge(olderThan));
    }
}
