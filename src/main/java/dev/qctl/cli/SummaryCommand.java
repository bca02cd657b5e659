package dev.qctl.cli;

import dev.qctl.diagnose.OriginTally;
import dev.qctl.model.OptionalFields;
import dev.qctl.model.QueuedMessage;
import dev.qctl.output.OriginSummaryWriter;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.HostResult;
import dev.qctl.output.SummaryWriter;
import dev.qctl.queue.QueueSummary;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qctl summary}: counts per queue, a qshape-like age table and the top delay reasons. */
@Command(name = "summary", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Summarize the queue: messages and bytes per queue, domains by age, top delay reasons.")
public final class SummaryCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    FilterOptions filters;

    @Option(names = "--by", paramLabel = "WHAT", converter = ByConverter.class,
            description = "Shape the age table by recipient-domain (default) or sender-domain; or count the top "
                    + "sasl-user, client, sender or subject instead (messages, recipients, bytes, oldest).")
    By by = new By(QueueSummary.ShapeBy.RECIPIENT_DOMAIN, null);

    /** What --by asks: a shape of the age table, or a tally of the origins (then shape is unused). */
    record By(QueueSummary.ShapeBy shape, OriginTally.By origin) {
    }

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "How many domains and reason groups to show (default: ${DEFAULT-VALUE}).")
    int top = 10;

    @Mixin
    OutputOptions output;

    @Mixin
    TargetOptions target;

    @Mixin
    WatchOptions watch;

    SummaryCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (top < 1) {
            throw new IllegalArgumentException("--top must be at least 1");
        }
        output.format = output.format(java.util.EnumSet.complementOf(java.util.EnumSet.of(
                dev.qctl.output.OutputFormat.IDS)), "summary has no IDs to print: use -o table, json, ndjson, yaml or csv");
        dev.qctl.output.Terminal terminal = output.terminal(context);
        try (Fleet fleet = target.fleet(context)) {
            if (by.origin() != null) {
                OriginSummaryWriter origins = new OriginSummaryWriter(context.out(), terminal, !output.noHeaders,
                        context.clock());
                return watch.run(context, terminal, "summary", () -> tallyOnce(fleet, origins));
            }
            SummaryWriter writer = new SummaryWriter(context.out(), terminal, !output.noHeaders);
            return watch.run(context, terminal, "summary", () -> summarizeOnce(fleet, writer));
        }
    }

    /** --by sasl-user|client|sender|subject: one streamed pass per host, the listing with the fields that needs. */
    private int tallyOnce(Fleet fleet, OriginSummaryWriter writer) {
        Instant now = context.clock().instant();
        OptionalFields wanted = filters.filter().neededFields().plus(by.origin().neededFields());
        OriginTally total = new OriginTally(by.origin());
        List<HostResult<OriginTally.Result>> results = fleet.run((host, index) -> {
            OriginTally tally = new OriginTally(by.origin());
            try (Stream<QueuedMessage> all = host.adapter().list(wanted, context::warn)) {
                all.filter(filters.filter().at(now)).forEach(tally::add);
            }
            synchronized (total) {
                total.addAll(tally);
            }
            return tally.result(top);
        }, result -> HostErrors.print(context, result));
        if (!fleet.several()) {
            writer.write(results.get(0).value(), output.format);
            return 0;
        }
        writer.writeHosts(results, total.result(top), output.format);
        return Fleet.exitCode(results).code();
    }

    /** Each host is summarized on its own and into the totals, which only several hosts print. */
    private int summarizeOnce(Fleet fleet, SummaryWriter writer) {
        Instant now = context.clock().instant();
        QueueSummary total = new QueueSummary(by.shape(), now);
        List<HostResult<QueueSummary.Result>> results = fleet.run((host, index) -> {
            QueueSummary summary = new QueueSummary(by.shape(), now);
            try (Stream<QueuedMessage> all = host.adapter().list(filters.filter().neededFields(), context::warn)) {
                all.filter(filters.filter().at(now)).forEach(m -> {
                    summary.add(m);
                    synchronized (total) {
                        total.add(m);
                    }
                });
            }
            return summary.result(top);
        }, result -> HostErrors.print(context, result));
        if (!fleet.several()) {
            writer.write(results.get(0).value(), output.format);
            return 0;
        }
        writer.writeHosts(results, total.result(top), output.format);
        return Fleet.exitCode(results).code();
    }

    static final class ByConverter implements picocli.CommandLine.ITypeConverter<By> {
        @Override
        public By convert(String value) {
            switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "recipient-domain":
                case "recipient":
                    return new By(QueueSummary.ShapeBy.RECIPIENT_DOMAIN, null);
                case "sender-domain":
                    return new By(QueueSummary.ShapeBy.SENDER_DOMAIN, null);
                default:
                    OriginTally.By origin = OriginTally.By.parse(value);
                    if (origin == null) {
                        throw new picocli.CommandLine.TypeConversionException("unknown --by '" + value
                                + "' (expected recipient-domain, sender-domain, sasl-user, client, sender or subject)");
                    }
                    return new By(QueueSummary.ShapeBy.RECIPIENT_DOMAIN, origin);
            }
        }
    }
}
