package dev.qctl.cli;

import dev.qctl.model.QueueName;
import dev.qctl.queue.MessageFilter;
import dev.qctl.queue.TextPattern;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import picocli.CommandLine.Option;

/** The selection options shared by list, summary and the actions. */
public final class FilterOptions {
    @Option(names = "--queue", paramLabel = "QUEUE", split = ",", converter = Converters.Queue.class,
            completionCandidates = Converters.QueueNames.class,
            description = "Only messages in this queue: active, deferred, hold, incoming, maildrop (repeatable).")
    List<QueueName> queues = List.of();

    @Option(names = {"-f", "--from"}, paramLabel = "PATTERN", converter = Converters.Address.class,
            description = "Sender matches: a glob (*@example.com; <> is the null sender) or /regex/.")
    TextPattern from;

    @Option(names = {"-t", "--to"}, paramLabel = "PATTERN", converter = Converters.Address.class,
            description = "A recipient matches: a glob (*@example.com) or /regex/.")
    TextPattern to;

    @Option(names = "--reason", paramLabel = "PATTERN", converter = Converters.Reason.class,
            description = "A recipient's delay reason contains this glob, or matches /regex/.")
    TextPattern reason;

    @Option(names = "--older-than", paramLabel = "AGE", converter = Converters.Age.class,
            description = "Only messages at least this old: 90s, 15m, 2h, 3d, 1w.")
    Duration olderThan;

    @Option(names = "--newer-than", paramLabel = "AGE", converter = Converters.Age.class,
            description = "Only messages at most this old.")
    Duration newerThan;

    @Option(names = "--min-size", paramLabel = "SIZE", converter = Converters.Size.class,
            description = "Only messages of at least this size: 500, 10K, 5M.")
    Long minSize;

    @Option(names = "--max-size", paramLabel = "SIZE", converter = Converters.Size.class,
            description = "Only messages of at most this size.")
    Long maxSize;

    @Option(names = "--bounces", description = "Only bounces (messages with the null sender).")
    boolean bounces;

    MessageFilter filter() {
        EnumSet<QueueName> set = EnumSet.noneOf(QueueName.class);
        set.addAll(queues);
        return new MessageFilter(set, from, to, reason, olderThan, newerThan, minSize, maxSize, bounces);
    }
}
