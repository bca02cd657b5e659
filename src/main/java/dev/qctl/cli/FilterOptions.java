package dev.qctl.cli;

import dev.qctl.config.QctlConfig;
import dev.qctl.diagnose.Cause;
import dev.qctl.diagnose.RuleTable;
import dev.qctl.model.QueueName;
import dev.qctl.queue.CauseMatch;
import dev.qctl.queue.ClientMatch;
import dev.qctl.queue.HeaderMatch;
import dev.qctl.queue.OriginFilter;
import dev.qctl.queue.MessageFilter;
import dev.qctl.queue.TextPattern;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Option(names = "--cause", paramLabel = "CAUSE", completionCandidates = Converters.CauseNames.class,
            description = "A recipient is deferred for this cause, as qctl diagnose classifies its reason: "
                    + "${COMPLETION-CANDIDATES}, or a cause of the config's rules.")
    String cause;

    @Option(names = "--auth-user", paramLabel = "PATTERN", converter = Converters.Address.class,
            description = "Submitted with SMTP AUTH as this login: a glob (*@example.com) or /regex/.")
    TextPattern authUser;

    @Option(names = "--client", paramLabel = "ADDR|CIDR|PATTERN", converter = Converters.Client.class,
            description = "Submitted from this SMTP client: an IP address, a network (192.0.2.0/24), "
                    + "or a glob or /regex/ on its name or address.")
    ClientMatch client;

    @Option(names = "--subject", paramLabel = "PATTERN", converter = Converters.Reason.class,
            description = "The Subject (decoded) contains this glob, or matches /regex/.")
    TextPattern subject;

    @Option(names = "--message-id", paramLabel = "ID",
            description = "The Message-ID header is this (angle brackets optional).")
    String messageId;

    @Option(names = "--header", paramLabel = "'NAME: PATTERN'", converter = Converters.Header.class,
            description = "A header field NAME has a value containing this glob, or matching /regex/ (repeatable).")
    List<HeaderMatch> headers = List.of();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private final CliContext context;
    private MessageFilter built;

    FilterOptions(CliContext context) {
        this.context = context;
    }

    MessageFilter filter() {
        if (built == null) {
            EnumSet<QueueName> set = EnumSet.noneOf(QueueName.class);
            set.addAll(queues);
            if (messageId != null && messageId.isBlank()) {
                throw new IllegalArgumentException("--message-id needs a value");
            }
            built = new MessageFilter(set, from, to, reason, olderThan, newerThan, minSize, maxSize, bounces, causeMatch(),
                    new OriginFilter(authUser, client, subject, messageId, headers));
        }
        return built;
    }

    /** --cause with the rule table diagnose uses: the config's rules (of this command's --config) first. */
    private CauseMatch causeMatch() {
        if (cause == null) {
            return null;
        }
        QctlConfig config = command == null ? QctlConfig.empty() : command.mixins().values().stream()
                .map(CommandSpec::userObject).filter(TargetOptions.class::isInstance).map(TargetOptions.class::cast)
                .findFirst().map(t -> t.config(context)).orElse(QctlConfig.empty());
        String name = cause.strip().toLowerCase(Locale.ROOT);
        boolean known = Cause.builtIn(name).isPresent()
                || config.diagnoseRules().stream().anyMatch(r -> r.cause().equals(name));
        if (!known) {
            throw new IllegalArgumentException("unknown cause '" + cause + "' (expected " + Cause.builtInNames()
                    + ", or a cause of the config's diagnose rules)");
        }
        RuleTable table = ConfiguredRules.table(config);
        return new CauseMatch(name, reason -> table.classify(reason).cause().name().equals(name));
    }
}
