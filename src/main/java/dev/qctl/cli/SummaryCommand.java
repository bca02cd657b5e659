package dev.qctl.cli;

import dev.qctl.model.QueuedMessage;
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
            description = "Shape the age table by recipient-domain (default) or sender-domain.")
    QueueSummary.ShapeBy by = QueueSummary.ShapeBy.RECIPIENT_DOMAIN;

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
        SummaryWriter writer = new SummaryWriter(context.out(), terminal, !output.noHeaders);
        try (Fleet fleet = target.fleet(context)) {
            return watch.run(context, terminal, "summary", () -> summarizeOnce(fleet, writer));
        }
    }

    /** Each host is summarized on its own and into the totals, which only several hosts print. */
    private int summarizeOnce(Fleet fleet, SummaryWriter writer) {
        Instant now = context.clock().instant();
        QueueSummary total = new QueueSummary(by, now);
        List<HostResult<QueueSummary.Result>> results = fleet.run((host, index) -> {
            QueueSummary summary = new QueueSummary(by, now);
            try (Stream<QueuedMessage> all = host.adapter().list(context::warn)) {
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

    static final class ByConverter implements picocli.CommandLine.ITypeConverter<QueueSummary.ShapeBy> {
        @Override
        public QueueSummary.ShapeBy convert(String value) {
            switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "recipient-domain":
                case "recipient":
                    return QueueSummary.ShapeBy.RECIPIENT_DOMAIN;
                case "sender-domain":
                case "sender":
                    return QueueSummary.ShapeBy.SENDER_DOMAIN;
                default:
                    throw new picocli.CommandLine.TypeConversionException(
                            "unknown --by '" + value + "' (expected recipient-domain or sender-domain)");
            }
        }
    }
}
