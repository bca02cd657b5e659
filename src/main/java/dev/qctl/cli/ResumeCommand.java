package dev.qctl.cli;

import dev.qctl.ExitCode;
import dev.qctl.model.Sanitizer;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.HostResult;
import dev.qctl.queue.SuspendService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qctl resume DOMAIN…}: deliver to these destinations again. */
@Command(name = "resume", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Let delivery to suspended destination domains go again. Their mail goes out on the next retry; "
                + "to send it now: qctl flush --site DOMAIN (or paced: qctl deliver --to '*@DOMAIN' --rate 5/s).")
public final class ResumeCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "DOMAIN", arity = "1..*", description = "Suspended destination domains.")
    List<String> domains = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
    boolean quiet;

    @Mixin
    AuditOptions audit;

    @Mixin
    TargetOptions target;

    ResumeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Fleet fleet = target.fleet(context)) {
            SuspendService service = new SuspendService(audit.log(context), context.clock(), System.getProperty("user.name"));
            List<HostResult<List<SuspendService.Change>>> results = service.resume(fleet, domains, r -> {
                if (!r.ok()) {
                    HostErrors.print(context, r);
                    return;
                }
                String where = fleet.several() ? Sanitizer.inline(r.host()) + ": " : "";
                for (SuspendService.Change c : r.value()) {
                    if (c.before() == null) {
                        context.err().println("qctl: resume: " + where + c.domain() + " was not suspended (nothing to do)");
                    } else if (!quiet) {
                        context.err().println("qctl: resume: " + where + c.domain() + " resumed (suspended since "
                                + dev.qctl.output.SuspensionWriter.time(c.before().since()) + ")");
                    }
                }
            });
            return fleet.several() ? Fleet.exitCode(results).code() : ExitCode.OK.code();
        }
    }
}
