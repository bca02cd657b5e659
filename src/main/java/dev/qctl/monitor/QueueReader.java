package dev.qctl.monitor;

import dev.qctl.QctlException;
import dev.qctl.model.QueuedMessage;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.MessageFilter;
import dev.qctl.queue.QueueSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Reads one host's queue into a snapshot, turning any failure into the snapshot's error. */
public final class QueueReader {
    private final Clock clock;
    private final MessageFilter filter;
    private final int top;
    private final Function<String, String> causeOf;

    /** @param causeOf names the cause of a delay reason (the diagnose rule table) */
    public QueueReader(Clock clock, MessageFilter filter, int top, Function<String, String> causeOf) {
        this.clock = clock;
        this.filter = filter;
        this.top = top;
        this.causeOf = causeOf;
    }

    /** Every host of the fleet at once; a host that fails or misses its deadline gives an error snapshot. */
    public List<HostSnapshot> read(Fleet fleet, Consumer<String> warnings) {
        return fleet.run((host, index) -> read(host.name(), host::adapter, warnings)).stream()
                .map(r -> r.ok() ? r.value() : new HostSnapshot(r.host(), "", null, Duration.ZERO, r.error()))
                .toList();
    }

    public HostSnapshot read(String host, Supplier<MtaAdapter> adapters, Consumer<String> warnings) {
        Instant start = clock.instant();
        String mta = "";
        try {
            MtaAdapter adapter = adapters.get();
            mta = adapter.mta().label();
            QueueSummary summary = new QueueSummary(QueueSummary.ShapeBy.RECIPIENT_DOMAIN, start).withCauses(causeOf);
            try (Stream<QueuedMessage> all = adapter.list(filter.neededFields(), warnings)) {
                all.filter(filter.at(start)).forEach(summary::add);
            }
            return new HostSnapshot(host, mta, summary.result(top), Duration.between(start, clock.instant()), null);
        } catch (QctlException e) {
            return new HostSnapshot(host, mta, null, Duration.between(start, clock.instant()), e.getMessage());
        }
    }
}
