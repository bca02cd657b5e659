package dev.qctl.cli;

import dev.qctl.model.Sanitizer;
import dev.qctl.output.OutputFormat;
import dev.qctl.output.SuspensionWriter;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.HostResult;
import dev.qctl.queue.SuspendService;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code qctl suspensions}: what is suspended where, and how much mail waits for it. */
@Command(name = "suspensions", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "List the suspended destination domains on each host: since, until, by whom, why, and the "
                + "messages and recipients waiting. An entry past its end that is still in force is flagged OVERDUE "
                + "(its host's expiry job did not run).")
public final class SuspensionsCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    OutputOptions output;

    @Mixin
    TargetOptions target;

    SuspensionsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        OutputFormat format = output.format(EnumSet.of(OutputFormat.TABLE, OutputFormat.WIDE, OutputFormat.JSON,
                OutputFormat.NDJSON, OutputFormat.YAML), "qctl suspensions prints table, wide, json, ndjson or yaml");
        try (Fleet fleet = target.fleet(context)) {
            SuspendService service = new SuspendService(dev.qctl.queue.AuditLog.none(), context.clock(), "");
            List<HostResult<SuspendService.HostSuspensions>> hosts = service.list(fleet, context::warn,
                    r -> HostErrors.print(context, r));
            new SuspensionWriter(context.out(), output.terminal(context), !output.noHeaders, fleet.several())
                    .write(hosts, format);
            long overdue = hosts.stream().filter(HostResult::ok)
                    .flatMap(h -> h.value().entries().stream().filter(SuspendService.Listed::overdue)
                            .map(e -> (fleet.several() ? h.host() + ": " : "") + e.suspension().domain()))
                    .peek(d -> context.warn(Sanitizer.inline(d) + " is past its end but still suspended: the expiry "
                            + "job of qctl setup suspend did not run (is cron running?); qctl resume ends it now"))
                    .count();
            if (format.isHuman() && overdue == 0 && hosts.stream().filter(HostResult::ok).allMatch(h -> h.value().entries().isEmpty())) {
                context.err().println("qctl: no destination is suspended");
            }
            return fleet.several() ? Fleet.exitCode(hosts).code() : 0;
        }
    }
}
