package dev.qctl.cli;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.model.Action;
import dev.qctl.model.Sanitizer;
import dev.qctl.queue.MessageTable;
import dev.qctl.model.ActionOutcome;
import dev.qctl.mta.ActionPlan;
import dev.qctl.output.OutcomeWriter;
import dev.qctl.output.RecordWriter;
import dev.qctl.output.RecordWriters;
import dev.qctl.output.Terminal;
import dev.qctl.queue.ActionHosts;
import dev.qctl.queue.ActionReport;
import dev.qctl.queue.ActionRequest;
import dev.qctl.queue.ActionService;
import dev.qctl.queue.AuditLog;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.Selection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What every action command shares: it reads the selection (IDs, IDs on stdin with {@code -},
 * filters, {@code --all}), hands it to the act use case ({@link ActionService}) with the CLI's
 * confirmation and progress, and prints the result. Subclasses only name their {@link Action}.
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

    @Spec
    CommandSpec spec;

    ActionCommand(CliContext context) {
        this.context = context;
    }

    abstract Action action();

    /** How fast the messages go to the MTA; the commands that feed a backlog back offer --rate/--batch. */
    dev.qctl.queue.Pacing pacing() {
        return dev.qctl.queue.Pacing.NONE;
    }

    @Override
    public Integer call() {
        Action action = action();
        Terminal terminal = output.terminal(context);
        Selection selection = new Selection(requestedIds(), filters.filter(), safety.all);
        AuditLog audit = AuditLog.of(safety.auditLog, context.env(), safety.noAudit);
        try (Fleet fleet = target.fleet(context)) {
            RecordWriter dryRunWriter = safety.dryRun ? RecordWriters.create(output.format, context.out(), terminal,
                    context.clock(), !output.noHeaders, fleet.several()) : null;
            CliActionCallbacks callbacks = new CliActionCallbacks(context, safety, selection, dryRunWriter,
                    fleet.hosts().size());
            ActionReport report = new ActionService(audit, context.clock()).run(
                    request(action, selection), ActionHosts.of(fleet), callbacks);
            if (safety.dryRun) {
                callbacks.finishDryRun();
                describeDryRun(report);
            } else if (report.isDeclined()) {
                context.err().println("qctl: nothing was changed");
            } else {
                print(report, terminal);
            }
            return report.exitCode().code();
        }
    }

    /** The request for the use case; a command may add to it (delete: its quarantine). */
    ActionRequest request(Action action, Selection selection) {
        return new ActionRequest(action, selection, safety.dryRun, filterText(), null, pacing());
    }

    void print(ActionReport report, Terminal terminal) {
        if (!safety.quiet) {
            new OutcomeWriter(context.out(), terminal, !output.noHeaders, report.several())
                    .write(report::forEachRow, report.action().label(), report.failedHosts(), output.format);
        }
        if (output.format.isHuman() && !safety.quiet) {
            context.err().println("qctl: " + report.action().label() + ": " + report.tally());
        }
    }

    private void describeDryRun(ActionReport report) {
        boolean several = report.several();
        List<ActionReport.HostView> hosts = report.hosts();
        for (int i = 0; i < hosts.size(); i++) {
            ActionReport.HostView host = hosts.get(i);
            if (!host.reached()) {
                continue;
            }
            String where = several ? Sanitizer.inline(host.host()) + ": " : "";
            for (ActionOutcome o : host.earlyOutcomes()) {
                context.err().println("qctl: " + where + o.id() + ": " + o.detail());
            }
            ActionPlan steps = report.plan(i);
            context.err().println("qctl: dry run: " + where + "would " + report.action().description() + " "
                    + count(host.selected()) + " on " + host.mtaName() + (host.selected() == 0 ? "" : " with:"));
            if (host.selected() > 0) {
                steps.steps().forEach(step -> context.err().println("  " + Sanitizer.inline(step.describe())));
            }
        }
    }

    /** The filter options as given, for the audit log: "--from 'spam*' --older-than 2h". */
    String filterText() {
        if (spec == null || spec.commandLine() == null || spec.commandLine().getParseResult() == null) {
            return "";
        }
        List<String> words = new ArrayList<>();
        for (var option : spec.commandLine().getParseResult().matchedOptions()) {
            if (FilterOptions.class.equals(option.userObject() instanceof java.lang.reflect.Field f ? f.getDeclaringClass() : null)) {
                for (Object value : option.stringValues()) {
                    words.add(option.longestName());
                    words.add(String.valueOf(value));
                }
                if (option.stringValues().isEmpty()) {
                    words.add(option.longestName());
                }
            }
        }
        return dev.qctl.exec.ShellQuoting.join(words);
    }

    /**
     * The IDs from the command line, with '-' replaced by the IDs read from stdin, straight into a
     * compact table (a million IDs piped in are a few megabytes, not a list of strings).
     */
    MessageTable requestedIds() {
        MessageTable table = new MessageTable();
        for (String id : ids) {
            if (id.equals("-")) {
                readStdinIds(table);
            } else {
                table.add(plain(id));
            }
        }
        return table;
    }

    private void readStdinIds(MessageTable table) {
        int before = table.size();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String id = line.strip();
                if (!id.isEmpty() && !id.startsWith("#")) {
                    table.add(plain(id));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (table.size() == before) {
            throw new IllegalArgumentException("no queue IDs on stdin");
        }
    }

    /** No MTA's queue ID is longer than this, or anything but letters, digits and '-'. */
    private static String plain(String id) {
        if (id.length() > 64 || !id.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-'))) {
            throw new QctlException(ExitCode.BAD_ID, "malformed queue ID '" + Sanitizer.inline(id)
                    + "': not a queue ID of Postfix or Exim (nothing was run)");
        }
        return id;
    }

    static String count(int n) {
        return n + (n == 1 ? " message" : " messages");
    }
}
