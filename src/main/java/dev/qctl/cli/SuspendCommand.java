package dev.qctl.cli;

import dev.qctl.model.Durations;
import dev.qctl.model.Sanitizer;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.HostResult;
import dev.qctl.queue.SuspendService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qctl suspend DOMAIN…}: stop delivery to these destinations, keeping their mail queued. */
@Command(name = "suspend", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Stop delivery to destination domains, for a while or until resumed, keeping their mail queued "
                + "with the reason as its delay reason (Postfix: a retry: entry in qctl's transport map; Exim: qctl's "
                + "defer router). No connection is made to their servers. Once per host: qctl setup suspend.")
public final class SuspendCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "DOMAIN", arity = "1..*", description = "Destination domains, e.g. gmail.com.")
    List<String> domains = new ArrayList<>();

    @Option(names = "--for", paramLabel = "DURATION", converter = Converters.Age.class,
            description = "End the suspension after this long (e.g. 30m, 2h, 1d), even if no qctl runs then "
                    + "(the host's cron job of qctl setup suspend). Default: until qctl resume.")
    Duration duration;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Why, as the queue will show it (printable ASCII, at most 200 characters).")
    String reason;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
    boolean quiet;

    @Mixin
    AuditOptions audit;

    @Mixin
    TargetOptions target;

    SuspendCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (duration != null && duration.isZero()) {
            throw new IllegalArgumentException("--for must be longer than 0s");
        }
        try (Fleet fleet = target.fleet(context)) {
            SuspendService service = new SuspendService(audit.log(context), context.clock(), System.getProperty("user.name"));
            List<HostResult<List<SuspendService.Change>>> results = service.suspend(fleet, domains, duration, reason,
                    r -> report(r, fleet.several()));
            return fleet.several() ? Fleet.exitCode(results).code() : 0;
        }
    }

    private void report(HostResult<List<SuspendService.Change>> result, boolean several) {
        if (!result.ok()) {
            HostErrors.print(context, result);
            return;
        }
        if (quiet) {
            return;
        }
        String where = several ? Sanitizer.inline(result.host()) + ": " : "";
        for (SuspendService.Change c : result.value()) {
            String until = c.after().until() == null ? "until resumed"
                    : "until " + dev.qctl.output.SuspensionWriter.time(c.after().until()) + " (" + Durations.human(duration) + ")";
            context.err().println("qctl: suspend: " + where + c.domain() + (c.before() != null ? " (already suspended, updated)" : "")
                    + " " + until + ": " + Sanitizer.inline(c.after().reason()));
        }
    }
}
