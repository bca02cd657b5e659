package dev.qctl.cli;

import dev.qctl.model.QuarantinedMessage;
import dev.qctl.model.Sanitizer;
import dev.qctl.model.Sizes;
import dev.qctl.mta.QuarantineStore.PurgedRun;
import dev.qctl.output.QuarantineWriter;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.HostResult;
import dev.qctl.queue.QuarantineService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qctl quarantine}: what 'delete --quarantine' kept; {@code list} and {@code purge} below it. */
@Command(name = "quarantine", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        subcommands = {QuarantineCommand.List.class, QuarantineCommand.Purge.class},
        description = "The messages 'delete --quarantine' kept on each target: 'quarantine list' shows them, "
                + "'qctl restore' puts them back, 'quarantine purge' drops them.")
final class QuarantineCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is needed: 'qctl quarantine list' or 'qctl quarantine purge'");
    }

    @Command(name = "list", aliases = "ls", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
            description = "List the quarantined messages (oldest run first): run ID, when kept, original queue ID, "
                    + "arrival age, size, sender, undelivered recipients. The filters are those of list "
                    + "(--older-than: the arrival).")
    static final class List implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--run", paramLabel = "RUN_ID", description = "Only the messages of this audit run.")
        String run;

        @Mixin
        FilterOptions filters;

        @Mixin
        QuarantineOptions quarantine;

        @Mixin
        OutputOptions output;

        @Mixin
        TargetOptions target;

        List(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            var terminal = output.terminal(context);
            try (Fleet fleet = target.fleet(context)) {
                var results = new QuarantineService(quarantine.settings(context, target.config(context).actions())).list(fleet, filters.filter(), run,
                        context.clock().instant(), context::warn);
                java.util.List<QuarantinedMessage> all = new ArrayList<>();
                for (HostResult<QuarantineService.Kept> r : results) {
                    if (!r.ok()) {
                        HostErrors.print(context, r);
                        continue;
                    }
                    purged(context, fleet.several() ? r.host() : null, r.value().purged());
                    all.addAll(r.value().messages());
                }
                new QuarantineWriter(context.out(), terminal, !output.noHeaders, fleet.several(), context.clock().instant())
                        .write(all, output.format);
                return Fleet.exitCode(results).code();
            }
        }
    }

    @Command(name = "purge", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
            description = "Drop the quarantine runs older than --older-than (0 for all) on each target, and those over "
                    + "the size cap. What is purged cannot be restored.")
    static final class Purge implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--older-than", paramLabel = "AGE", required = true, converter = Converters.Age.class,
                description = "Purge the runs kept longer ago than this (e.g. 7d, 12h; 0 purges every run).")
        Duration olderThan;

        @Mixin
        QuarantineOptions quarantine;

        @Mixin
        TargetOptions target;

        Purge(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (Fleet fleet = target.fleet(context)) {
                java.util.List<HostResult<java.util.List<PurgedRun>>> results = new QuarantineService(
                        quarantine.settings(context, target.config(context).actions())).purge(fleet, olderThan);
                int runs = 0;
                for (HostResult<java.util.List<PurgedRun>> r : results) {
                    if (!r.ok()) {
                        HostErrors.print(context, r);
                        continue;
                    }
                    purged(context, fleet.several() ? r.host() : null, r.value());
                    runs += r.value().size();
                }
                context.err().println("qctl: quarantine purge: " + runs + (runs == 1 ? " run" : " runs") + " purged");
                return Fleet.exitCode(results).code();
            }
        }
    }

    static void purged(CliContext context, String host, java.util.List<PurgedRun> purged) {
        for (PurgedRun p : purged) {
            context.err().println("qctl: " + (host == null ? "" : Sanitizer.inline(host) + ": ") + "purged quarantine run "
                    + p.run() + " (" + Sizes.human(p.bytes()) + ", " + why(p.why()) + ")");
        }
    }

    private static String why(String why) {
        return switch (why) {
            case "age" -> "past its age limit";
            case "size" -> "over the size cap";
            case "empty" -> "every message restored";
            default -> Sanitizer.inline(why);
        };
    }
}
