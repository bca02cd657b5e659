package dev.qctl.cli;

import dev.qctl.model.OptionalField;
import dev.qctl.model.OptionalFields;
import dev.qctl.model.QueuedMessage;
import dev.qctl.output.TerminalProgress;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.Progress;
import dev.qctl.queue.HostResult;
import dev.qctl.queue.HostTarget;
import dev.qctl.output.RecordWriter;
import dev.qctl.output.RecordWriters;
import dev.qctl.output.Terminal;
import dev.qctl.queue.SortKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
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

    @Option(names = "--with", paramLabel = "FIELD", split = ",", converter = Converters.Field.class,
            completionCandidates = Converters.FieldNames.class,
            description = "Also read and print these fields: origin (SASL login, client, HELO, protocol, local user), "
                    + "subject, message-id. Each costs a read per message (Postfix: postcat).")
    List<OptionalField> with = List.of();

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
        try (Fleet fleet = target.fleet(context)) {
            return watch.run(context, terminal, "list", () -> listOnce(fleet, terminal));
        }
    }

    /**
     * The first host streams straight to the output; the others, read at the same time, are held
     * until their turn so the output stays in host order. Sorting across hosts needs them all.
     */
    private int listOnce(Fleet fleet, Terminal terminal) {
        Instant now = context.clock().instant();
        RecordWriter writer = RecordWriters.create(output.format, context.out(), terminal, context.clock(),
                !output.noHeaders, fleet.several(), Set.copyOf(with));
        boolean mergeSorted = fleet.several() && sortKey() != null;
        Printer printer = new Printer(writer, limit);
        // Records read, on stderr, while the listing goes to a file or a pipe (never over a table on the terminal).
        Progress progress = TerminalProgress.onStderr(context.err(), "reading", !terminal.tty());
        List<HostResult<List<QueuedMessage>>> results;
        try (progress) {
            results = fleet.run((host, index) -> {
                if (index == 0 && !mergeSorted) {
                    select(host, now, progress, m -> printer.print(m, host));
                    return List.of();
                }
                List<QueuedMessage> held = new ArrayList<>();
                select(host, now, progress, held::add);
                return held;
            }, result -> {
            if (!result.ok()) {
                HostErrors.print(context, result);
                printer.error(result.host(), result.error());
            } else if (!mergeSorted) {
                result.value().forEach(m -> printer.print(m, null));
            }
            });
        }
        if (mergeSorted) {
            results.stream().filter(HostResult::ok).flatMap(r -> r.value().stream())
                    .sorted(sortKey().comparator(reverse)).forEach(m -> printer.print(m, null));
        }
        writer.finish();
        return fleet.several() ? Fleet.exitCode(results).code() : 0;
    }

    private SortKey sortKey() {
        return sort != null ? sort : reverse ? SortKey.AGE : null;
    }

    /** One host's queue through the filter, sort and limit to {@code each}. */
    private void select(HostTarget host, Instant now, Progress progress, Consumer<QueuedMessage> each) {
        OptionalFields wanted = filters.filter().neededFields().plus(new OptionalFields(Set.copyOf(with), Set.of()));
        try (Stream<QueuedMessage> all = host.adapter().list(wanted, context::warn)) {
            Stream<QueuedMessage> selected = all.peek(m -> progress.advance(1)).filter(filters.filter().at(now));
            SortKey key = sortKey();
            if (key != null) {
                selected = selected.sorted(key.comparator(reverse));
            }
            if (limit != null) {
                selected = selected.limit(limit);
            }
            long[] written = {0};
            // Stop reading the queue once the reader of our output went away (qctl list | head).
            selected.takeWhile(m -> ++written[0] % 1024 != 0 || !context.out().checkError()).forEach(each);
        }
    }

    /**
     * The one writer all hosts print through, in turn: keeps --limit across hosts, and drops what a
     * host abandoned at its deadline still tries to print.
     */
    private static final class Printer {
        private final RecordWriter writer;
        private final Integer limit;
        private long printed;

        Printer(RecordWriter writer, Integer limit) {
            this.writer = writer;
            this.limit = limit;
        }

        synchronized void print(QueuedMessage m, HostTarget from) {
            if ((from == null || !from.abandoned()) && (limit == null || printed < limit)) {
                printed++;
                writer.write(m);
            }
        }

        synchronized void error(String host, String error) {
            writer.writeError(host, error);
        }
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
