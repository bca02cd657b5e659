package dev.qctl.cli;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.model.QueuedMessage;
import dev.qctl.mta.Action;
import dev.qctl.mta.ActionOutcome;
import dev.qctl.mta.ActionPlan;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.output.OutcomeWriter;
import dev.qctl.output.RecordWriter;
import dev.qctl.output.RecordWriters;
import dev.qctl.output.Sanitizer;
import dev.qctl.output.Terminal;
import dev.qctl.queue.ActionRun;
import dev.qctl.queue.AuditLog;
import dev.qctl.queue.Durations;
import dev.qctl.queue.SelectedMessage;
import dev.qctl.queue.Selection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * What every action command shares: the selection (IDs, IDs on stdin with {@code -}, filters,
 * {@code --all}), validation of every ID before anything runs, the dry run, the confirmation, the
 * audit log and the per-message results. Subclasses only name their {@link Action}.
 */
abstract class ActionCommand implements Callable<Integer> {
    static final int SAMPLE = 5;

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
        MtaAdapter adapter = target.open(context.clock());
        if (!adapter.actions().contains(action)) {
            throw new QctlException(ExitCode.USAGE, adapter.unsupported(action));
        }
        List<String> requested = requestedIds();
        requested.forEach(adapter.idGrammar()::require); // one bad ID stops everything, before any command
        Selection selection = new Selection(requested, filters.filter(), safety.all);
        if (selection.isUnbounded()) {
            throw new IllegalArgumentException("refusing to " + action.label() + " the whole queue: give queue IDs, "
                    + "a filter (e.g. --from, --older-than), or --all");
        }
        if (safety.all && !selection.filter().isEmpty()) {
            throw new IllegalArgumentException("--all means the whole queue: leave it out when filtering");
        }

        Instant now = context.clock().instant();
        ActionRun run = new ActionRun(adapter, action, context::warn);
        List<QueuedMessage> sample = new ArrayList<>();
        RecordWriter dryRunWriter = safety.dryRun ? RecordWriters.create(output.format, context.out(), terminal,
                context.clock(), !output.noHeaders, false) : null;
        List<SelectedMessage> selected = run.resolve(selection, now, m -> {
            if (sample.size() < SAMPLE) {
                sample.add(m);
            }
            if (dryRunWriter != null) {
                dryRunWriter.write(m);
            }
        });

        if (safety.dryRun) {
            dryRunWriter.finish();
            run.earlyOutcomes().forEach(o -> context.err().println("qctl: " + o.id() + ": " + o.detail()));
            ActionPlan plan = adapter.plan(action, selected.stream().map(SelectedMessage::id).toList());
            context.err().println("qctl: dry run: would " + action.description() + " " + count(selected.size())
                    + " on " + adapter.mta().displayName() + (selected.isEmpty() ? "" : " with:"));
            if (!selected.isEmpty()) {
                plan.steps().forEach(step -> context.err().println("  " + step.describe()));
            }
            return ExitCode.OK.code();
        }

        if (!selected.isEmpty() && !confirmed(action, selection, selected.size(), sample, terminal, adapter)) {
            context.err().println("qctl: nothing was changed");
            return ExitCode.ERROR.code();
        }

        List<ActionOutcome> outcomes = run.execute();
        audit(adapter, action, selection, outcomes);
        List<OutcomeWriter.Row> rows = outcomes.stream()
                .map(o -> new OutcomeWriter.Row(adapterHost(), adapter.mta().label(), action.label(), o)).toList();
        if (!safety.quiet) {
            new OutcomeWriter(context.out(), terminal, !output.noHeaders).write(rows, output.format);
        }
        if (output.format.isHuman() && !safety.quiet) {
            context.err().println("qctl: " + action.label() + ": " + ActionRun.tally(outcomes));
        }
        return outcomes.stream().allMatch(ActionOutcome::isOk) ? ExitCode.OK.code() : ExitCode.PARTIAL.code();
    }

    private String adapterHost() {
        return target.transport().target();
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
    private boolean confirmed(Action action, Selection selection, int count, List<QueuedMessage> sample,
                              Terminal terminal, MtaAdapter adapter) {
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
        StringBuilder text = new StringBuilder();
        text.append("About to ").append(action.description()).append(' ').append(count(count)).append(" on ")
                .append(adapterHost()).append(" (").append(adapter.mta().displayName()).append("):\n");
        for (QueuedMessage m : sample) {
            text.append("  ").append(m.id()).append("  ").append(Durations.human(m.age(context.clock().instant())))
                    .append("  ").append(Sanitizer.inline(m.isBounce() ? "<>" : m.sender())).append(" -> ")
                    .append(Sanitizer.inline(m.recipients().isEmpty() ? "" : m.recipients().get(0).address()))
                    .append(m.recipients().size() > 1 ? " (+" + (m.recipients().size() - 1) + ")" : "").append('\n');
        }
        if (count > sample.size()) {
            text.append("  … and ").append(count - sample.size()).append(" more\n");
        }
        return Prompter.confirm(text.toString(), "Proceed?");
    }

    private void audit(MtaAdapter adapter, Action action, Selection selection, List<ActionOutcome> outcomes) {
        boolean root = "root".equals(System.getProperty("user.name"));
        AuditLog log = new AuditLog(safety.auditLog != null ? safety.auditLog : AuditLog.defaultPath(context.env(), root));
        String how = selection.kind();
        try {
            log.append(new AuditLog.Entry(context.clock().instant(), System.getProperty("user.name"), adapterHost(),
                    adapter.mta().label(), action.label(), how, outcomes));
        } catch (UncheckedIOException e) {
            context.warn(e.getMessage());
        }
    }

    private static String count(int n) {
        return n + (n == 1 ? " message" : " messages");
    }
}
