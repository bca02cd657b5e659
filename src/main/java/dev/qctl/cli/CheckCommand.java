package dev.qctl.cli;

import dev.qctl.QctlException;
import dev.qctl.monitor.CheckReport;
import dev.qctl.monitor.HostSnapshot;
import dev.qctl.monitor.QueueReader;
import dev.qctl.monitor.Threshold;
import dev.qctl.model.Sanitizer;
import dev.qctl.queue.Fleet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code qctl check}: a monitoring plugin (Nagios, Icinga, Naemon, Sensu). Exit 0 OK, 1 WARNING,
 * 2 CRITICAL, 3 UNKNOWN (no MTA, unreachable, or bad arguments), one status line with perfdata.
 */
@Command(name = "check", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Check the queue against thresholds, as a Nagios/Icinga plugin.",
            "METRIC is total (the default), deferred, hold, active, frozen, oldest-age (takes units: 2h) "
                    + "domain:NAME or cause:NAME (a cause of qctl diagnose); RANGE is the plugin syntax: 10, 10:, ~:10, 10:20, @10:20.",
            "Exit codes: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."})
public final class CheckCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = {"-w", "--warning"}, paramLabel = "[METRIC=]RANGE",
            description = "Warn when METRIC (default total) is outside RANGE. Repeatable.")
    List<String> warning = new ArrayList<>();

    @Option(names = {"-c", "--critical"}, paramLabel = "[METRIC=]RANGE",
            description = "Critical when METRIC (default total) is outside RANGE. Repeatable.")
    List<String> critical = new ArrayList<>();

    @Mixin
    FilterOptions filters;

    @Mixin
    TargetOptions target;

    CheckCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<Threshold> warn;
        List<Threshold> crit;
        try {
            warn = warning.stream().map(Threshold::parse).toList();
            crit = critical.stream().map(Threshold::parse).toList();
        } catch (IllegalArgumentException e) {
            context.out().println("QUEUE UNKNOWN - " + e.getMessage());
            context.out().flush();
            return 3;
        }
        Instant now = context.clock().instant();
        List<HostSnapshot> snapshots;
        try (Fleet fleet = target.fleet(context)) {
            snapshots = new QueueReader(context.clock(), filters.filter(), 10,
                    ConfiguredRules.classifier(target.config(context))).read(fleet, context::warn);
        } catch (QctlException e) {
            // A bad config or -H is UNKNOWN to a monitoring system, like bad arguments.
            context.out().println("QUEUE UNKNOWN - " + Sanitizer.inline(e.getMessage()));
            context.out().flush();
            return 3;
        }
        CheckReport.Outcome outcome = new CheckReport(warn, crit, now).evaluate(snapshots);
        context.out().print(outcome.text());
        context.out().flush();
        return outcome.state().exitCode();
    }
}
