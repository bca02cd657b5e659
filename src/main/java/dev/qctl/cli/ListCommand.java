package dev.qctl.cli;

import dev.qctl.model.QueuedMessage;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.output.RecordWriter;
import dev.qctl.output.RecordWriters;
import dev.qctl.output.Terminal;
import dev.qctl.queue.SortKey;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qctl list}: the queue as records, streamed from the MTA through the filter to the printer. */
@Command(name = "list", aliases = "ls", sortOptions = false, usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        description = "List queued messages, filtered and sorted, in any output format.")
public final class ListCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    FilterOptions filters;

    @Option(names = "--sort", paramLabel = "KEY", converter = SortKeys.class,
            description = "Sort by age (oldest first), size (largest first), sender, recipient or id. "
                    + "Sorting holds the whole listing in memory.")
    SortKey sort;

    @Option(names = {"-r", "--reverse"}, description = "Reverse the sort order (alone: newest first).")
    boolean reverse;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N messages.")
    Integer limit;

    @Mixin
    OutputOptions output;

    @Mixin
    TargetOptions target;

    @Mixin
    WatchOptions watch;

    ListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("--limit must not be negative");
        }
        Terminal terminal = output.terminal(context);
        MtaAdapter adapter = target.open(context.clock());
        return watch.run(context, terminal, "list", () -> listOnce(adapter, terminal));
    }

    private int listOnce(MtaAdapter adapter, Terminal terminal) {
        Instant now = context.clock().instant();
        RecordWriter writer = RecordWriters.create(output.format, context.out(), terminal, context.clock(),
                !output.noHeaders, false);
        try (Stream<QueuedMessage> all = adapter.list(context::warn)) {
            Stream<QueuedMessage> selected = all.filter(filters.filter().at(now));
            SortKey key = sort != null ? sort : reverse ? SortKey.AGE : null;
            if (key != null) {
                selected = selected.sorted(key.comparator(reverse));
            }
            if (limit != null) {
                selected = selected.limit(limit);
            }
            long[] written = {0};
            // Stop reading the queue once the reader of our output went away (qctl list | head).
            selected.takeWhile(m -> ++written[0] % 1024 != 0 || !context.out().checkError()).forEach(writer::write);
        }
        writer.finish();
        return 0;
    }

    static final class SortKeys implements picocli.CommandLine.ITypeConverter<SortKey> {
        @Override
        public SortKey convert(String value) {
            for (SortKey k : SortKey.values()) {
                if (k.name().equalsIgnoreCase(value)) {
                    return k;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "unknown sort key '" + value + "' (expected age, size, sender, recipient or id)");
        }
    }
}
