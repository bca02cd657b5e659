package dev.qctl.cli;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome;
import dev.qctl.mta.ActionPlan;
import dev.qctl.output.OutcomeWriter;
import dev.qctl.output.RecordWriter;
import dev.qctl.output.RecordWriters;
import dev.qctl.output.Terminal;
import dev.qctl.queue.AuditLog;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.HostResult;
import dev.qctl.queue.SelectedMessage;
import dev.qctl.queue.Selection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * What every action command shares: the selection (IDs, IDs on stdin with {@code -}, filters,
 * {@code --all}), validation of every ID before anything runs, the dry run, the confirmation, the
 * audit log and the per-message results. Subclasses only name their {@link Action}.
 */
abstract class ActionCommand implements Callable<Integer> {

    protected final CliContext context;

    @Parameters(paramLabel = "ID", arity = "0..*",
            description = "Queue IDs to act on; '-' reads IDs from stdin, one per line (what 'qctl list -o ids' prints).")
    List<String> ids = new ArrayList<>();

    @Mixin
    FilterOptions filters;

    @Mixin
    ActionOptions safety;

    @Mixin
    OutputOptions output;

    @Mixin
    TargetOptions target;

    ActionCommand(CliContext context) {
        this.context = context;
    }

    abstract Action action();

    @Override
    public Integer call() {
        Action action = action();
        Terminal terminal = output.terminal(context);
        try (Fleet fleet = target.fleet(context)) {
            return run(fleet, action, terminal);
        }
    }

    private int run(Fleet fleet, Action action, Terminal terminal) {
        List<String> requested = requestedIds();
        Selection selection = new Selection(requested, filters.filter(), safety.all);
        if (selection.isUnbounded()) {
            throw new IllegalArgumentException("refusing to " + action.label() + " the whole queue: give queue IDs, "
                    + "a filter (e.g. --from, --older-than), or --all");
        }
        if (safety.all && !selection.filter().isEmpty()) {
            throw new IllegalArgumentException("--all means the whole queue: leave it out when filtering");
        }

        Instant now = context.clock().instant();
        RecordWriter dryRunWriter = safety.dryRun ? RecordWriters.create(output.format, context.out(), terminal,
                context.clock(), !output.noHeaders, fleet.several()) : null;
        List<HostResult<HostActionPlan>> plans = fleet.run((host, index) -> HostActionPlan.resolve(host, action,
                selection, fleet.several(), now, safety.dryRun, index == 0 ? dryRunWriter : null, context::warn), result -> {
                    HostErrors.print(context, result);
                    if (dryRunWriter != null && result.ok()) {
                        result.value().held().forEach(dryRunWriter::write);
                    }
                });
        requireSomeHostAccepts(requested, plans);

        if (safety.dryRun) {
            dryRunWriter.finish();
            plans.stream().filter(HostResult::ok).forEach(p -> describeDryRun(p.value(), action, fleet.several()));
            return fleet.several() ? Fleet.exitCode(plans).code() : ExitCode.OK.code();
        }

        List<HostActionPlan> ready = plans.stream().filter(HostResult::ok).map(HostResult::value).toList();
        int count = ready.stream().mapToInt(p -> p.selected().size()).sum();
        if (count > 0 && !confirmed(action, selection, count, ready, terminal)) {
            context.err().println("qctl: nothing was changed");
            return ExitCode.ERROR.code();
        }

        List<HostResult<List<OutcomeWriter.Row>>> done = fleet.run((host, index) -> {
            HostActionPlan plan = planOf(plans.get(index));
            if (plan == null) {
                return null; // this host failed already; its error was printed
            }
            List<ActionOutcome> outcomes = plan.run().execute();
            audit(plan, action, selection, outcomes);
            return outcomes.stream().map(o -> new OutcomeWriter.Row(host.name(), plan.adapter().mta().label(),
                    action.label(), o)).toList();
        }, result -> HostErrors.print(context, result));

        List<OutcomeWriter.Row> rows = ActionRows.merge(done, fleet.several());
        Map<String, String> failedHosts = failedHosts(plans, done);
        if (!safety.quiet) {
            new OutcomeWriter(context.out(), terminal, !output.noHeaders, fleet.several())
                    .write(rows, failedHosts, output.format);
        }
        if (output.format.isHuman() && !safety.quiet) {
            context.err().println("qctl: " + action.label() + ": " + ActionRows.tally(rows, fleet.several()));
        }
        boolean allOk = rows.stream().allMatch(r -> r.outcome().isOk());
        if (failedHosts.size() == fleet.hosts().size()) {
            return ExitCode.UNAVAILABLE.code();
        }
        return allOk && failedHosts.isEmpty() ? ExitCode.OK.code() : ExitCode.PARTIAL.code();
    }

    private static HostActionPlan planOf(HostResult<HostActionPlan> result) {
        return result.ok() ? result.value() : null;
    }

    /** Hosts that failed to resolve or to act, with their error, in host order. */
    private static Map<String, String> failedHosts(List<HostResult<HostActionPlan>> plans,
                                                   List<HostResult<List<OutcomeWriter.Row>>> done) {
        Map<String, String> failed = new LinkedHashMap<>();
        for (int i = 0; i < plans.size(); i++) {
            HostResult<?> r = plans.get(i).ok() ? done.get(i) : plans.get(i);
            if (!r.ok()) {
                failed.put(r.host(), r.error());
            }
        }
        return failed;
    }

    /** With several hosts an ID is sent only where it fits the MTA; one that fits none stops everything. */
    private static void requireSomeHostAccepts(List<String> ids, List<HostResult<HostActionPlan>> plans) {
        List<HostActionPlan> ok = plans.stream().filter(HostResult::ok).map(HostResult::value).toList();
        if (plans.size() < 2 || ok.isEmpty()) {
            return;
        }
        for (String id : ids) {
            if (ok.stream().noneMatch(p -> p.adapter().idGrammar().isValid(id))) {
                throw new QctlException(ExitCode.BAD_ID, "'" + id + "' is not a queue ID of any MTA on these hosts"
                        + " (nothing was run)");
            }
        }
    }

    private void describeDryRun(HostActionPlan plan, Action action, boolean several) {
        plan.run().earlyOutcomes().forEach(o -> context.err().println("qctl: " + (several ? plan.host().name() + ": " : "")
                + o.id() + ": " + o.detail()));
        List<String> ids = plan.selected().stream().map(SelectedMessage::id).toList();
        ActionPlan steps = plan.adapter().plan(action, ids);
        context.err().println("qctl: dry run: " + (several ? plan.host().name() + ": " : "") + "would "
                + action.description() + " " + count(ids.size()) + " on " + plan.adapter().mta().displayName()
                + (ids.isEmpty() ? "" : " with:"));
        if (!ids.isEmpty()) {
            steps.steps().forEach(step -> context.err().println("  " + step.describe()));
        }
    }

    /** The IDs from the command line, with '-' replaced by the IDs read from stdin. */
    private List<String> requestedIds() {
        List<String> result = new ArrayList<>();
        for (String id : ids) {
            if (id.equals("-")) {
                result.addAll(readStdinIds());
            } else {
                result.add(id);
            }
        }
        return result;
    }

    private List<String> readStdinIds() {
        List<String> read = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String id = line.strip();
                if (!id.isEmpty() && !id.startsWith("#")) {
                    read.add(id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (read.isEmpty()) {
            throw new IllegalArgumentException("no queue IDs on stdin");
        }
        return read;
    }

    /**
     * On a terminal, more than one message (or any rule-based selection) needs a yes; without one,
     * a rule-based selection needs --yes, explicit IDs do not.
     */
    private boolean confirmed(Action action, Selection selection, int count, List<HostActionPlan> plans,
                              Terminal terminal) {
        if (safety.yes) {
            return true;
        }
        boolean ask = count > 1 || selection.byRule();
        if (!ask) {
            return true;
        }
        if (!Prompter.available(terminal.tty())) {
            if (selection.byRule()) {
                throw new IllegalArgumentException("refusing to " + action.label() + " " + count(count)
                        + " selected by " + (selection.all() ? "--all" : "filter") + " without --yes (no terminal to confirm on)");
            }
            return true;
        }
        return Prompter.confirm(ActionPrompt.text(action, count, plans, context.clock().instant()), "Proceed?");
    }

    private void audit(HostActionPlan plan, Action action, Selection selection, List<ActionOutcome> outcomes) {
        boolean root = "root".equals(System.getProperty("user.name"));
        AuditLog log = new AuditLog(safety.auditLog != null ? safety.auditLog : AuditLog.defaultPath(context.env(), root));
        try {
            log.append(new AuditLog.Entry(context.clock().instant(), System.getProperty("user.name"), plan.host().name(),
                    plan.adapter().mta().label(), action.label(), selection.kind(), outcomes));
        } catch (UncheckedIOException e) {
            context.warn(e.getMessage());
        }
    }

    static String count(int n) {
        return n + (n == 1 ? " message" : " messages");
    }
}
