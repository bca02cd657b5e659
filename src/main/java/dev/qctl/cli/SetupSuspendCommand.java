package dev.qctl.cli;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.model.Sanitizer;
import dev.qctl.mta.SuspendHelper;
import dev.qctl.mta.SuspendSetup;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.HostResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code qctl setup suspend}: shows, then makes, the changes {@code qctl suspend} needs on each
 * host (see {@link SuspendSetup}); nothing changes without a yes at the terminal or {@code --yes}.
 */
@Command(name = "suspend", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Prepare hosts for qctl suspend: install qctl's suspend helper and its expiry cron job, create the "
                + "suspension map and hook it into the MTA (Postfix: first in transport_maps; Exim: a router at the top). "
                + "Shows the exact change first; keeps a backup; checks with postfix check / exim -bV and rolls back "
                + "if that fails. Needs root on the host (or --sudo with a rule that allows it).")
public final class SetupSuspendCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = {"-y", "--yes"}, description = "Apply without asking.")
    boolean yes;

    @Option(names = {"-n", "--dry-run"}, description = "Only show what would change.")
    boolean dryRun;

    @Option(names = "--print-helper", description = "Print the helper script that would be installed, and exit.")
    boolean printHelper;

    @Mixin
    TargetOptions target;

    SetupSuspendCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (printHelper) {
            context.out().print(SuspendHelper.script());
            context.out().flush();
            return 0;
        }
        try (Fleet fleet = target.fleet(context)) {
            boolean several = fleet.several();
            List<HostResult<SuspendSetup.Plan>> plans = fleet.run((host, index) -> host.adapter().suspendSetup().plan(),
                    r -> HostErrors.print(context, r));
            boolean anything = false;
            for (HostResult<SuspendSetup.Plan> p : plans) {
                if (!p.ok()) {
                    continue;
                }
                String where = Sanitizer.inline(p.host());
                if (p.value().refusal() != null) {
                    context.err().println("qctl: setup suspend: " + where + ": cannot be done automatically: "
                            + Sanitizer.multiline(p.value().refusal()));
                } else if (p.value().done()) {
                    context.err().println("qctl: setup suspend: " + where + ": already set up");
                } else {
                    anything = true;
                    context.out().println("== " + where + ": the changes ==");
                    p.value().changes().forEach(c -> context.out().println("  " + Sanitizer.multiline(c).replace("\n", "\n    ")));
                }
            }
            context.out().flush();
            boolean refused = plans.stream().anyMatch(p -> p.ok() && p.value().refusal() != null);
            if (!anything || dryRun) {
                return exit(plans, refused);
            }
            if (!yes) {
                if (!Prompter.available()) {
                    throw new QctlException(ExitCode.USAGE, "refusing to change the MTA configuration without a "
                            + "confirmation: run at a terminal, or give --yes");
                }
                if (!Prompter.confirm("", "Apply these changes?")) {
                    context.err().println("qctl: nothing was changed");
                    return ExitCode.ERROR.code();
                }
            }
            List<HostResult<Object>> applied = fleet.run((host, index) -> {
                SuspendSetup.Plan plan = plans.get(index).ok() ? plans.get(index).value() : null;
                if (plan != null && plan.refusal() == null && !plan.done()) {
                    plan.apply(line -> context.err().println("qctl: setup suspend: " + Sanitizer.inline(host.name()) + ": "
                            + Sanitizer.inline(line)));
                    context.err().println("qctl: setup suspend: " + Sanitizer.inline(host.name())
                            + ": done; suspend with: qctl suspend DOMAIN --for 2h --reason '...'"
                            + (several ? " -H " + host.name() : ""));
                }
                return null;
            }, r -> HostErrors.print(context, r));
            ExitCode code = Fleet.exitCode(applied);
            if (!several && !applied.get(0).ok()) {
                return applied.get(0).code().code();
            }
            return code != ExitCode.OK ? code.code() : exit(plans, refused);
        }
    }

    private static int exit(List<HostResult<SuspendSetup.Plan>> plans, boolean refused) {
        ExitCode code = Fleet.exitCode(plans);
        return code != ExitCode.OK ? code.code() : refused ? ExitCode.ERROR.code() : 0;
    }
}
