package dev.qctl.cli;

import dev.qctl.model.Action;
import dev.qctl.model.ActionOutcome;
import dev.qctl.model.Sanitizer;
import dev.qctl.output.RecordWriter;
import dev.qctl.output.RecordWriters;
import dev.qctl.output.Terminal;
import dev.qctl.queue.ActionHosts;
import dev.qctl.queue.ActionReport;
import dev.qctl.queue.AuditLog;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.RestoreRequest;
import dev.qctl.queue.RestoreService;
import dev.qctl.queue.Selection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code qctl restore}: puts messages that {@code delete --quarantine} kept back into the queue, by
 * ID, by audit run or by filter, with the actions' confirmation, dry run and audit log.
 */
@Command(name = "restore", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Put messages kept by 'delete --quarantine' back into the queue: by queue ID, by the audit run "
                + "that deleted them (--run), or by the filters of list (--from, --older-than: the arrival, ...).",
                "Exim: the -H and -D spool files go back as they were, same queue ID. Postfix: the message is "
                + "re-submitted (sendmail -i -f SENDER -- RECIPIENT...) to its undelivered recipients: a new queue ID and "
                + "a Received header added by pickup."})
final class RestoreCommand extends ActionCommand {
    @Option(names = "--run", paramLabel = "RUN_ID",
            description = "Only the messages of this run (the audit log's run ID, as 'delete --quarantine' printed it).")
    String run;

    @Mixin
    QuarantineOptions quarantine;

    RestoreCommand(CliContext context) {
        super(context);
    }

    @Override
    Action action() {
        return Action.RESTORE;
    }

    @Override
    public Integer call() {
        Terminal terminal = output.terminal(context);
        Selection selection = new Selection(requestedIds(), filters.filter(), safety.all);
        AuditLog audit = AuditLog.of(safety.auditLog, context.env(), safety.noAudit);
        RestoreRequest request = new RestoreRequest(selection, run, safety.dryRun, filterText());
        try (Fleet fleet = target.fleet(context)) {
            RecordWriter dryRunWriter = safety.dryRun ? RecordWriters.create(output.format, context.out(), terminal,
                    context.clock(), !output.noHeaders, fleet.several()) : null;
            CliActionCallbacks callbacks = new CliActionCallbacks(context, safety, selection, dryRunWriter,
                    fleet.hosts().size());
            ActionReport report = new RestoreService(audit, context.clock()).run(request, ActionHosts.of(fleet),
                    quarantine.settings(context, target.config(context).actions()), callbacks);
            if (safety.dryRun) {
                callbacks.finishDryRun();
                describeDryRun(report, fleet.several());
            } else if (report.isDeclined()) {
                context.err().println("qctl: nothing was changed");
            } else {
                print(report, terminal);
            }
            return report.exitCode().code();
        }
    }

    private void describeDryRun(ActionReport report, boolean several) {
        for (ActionReport.HostView host : report.hosts()) {
            if (!host.reached()) {
                continue;
            }
            String where = several ? Sanitizer.inline(host.host()) + ": " : "";
            for (ActionOutcome o : host.earlyOutcomes()) {
                context.err().println("qctl: " + where + o.id() + ": " + o.detail());
            }
            context.err().println("qctl: dry run: " + where + "would restore " + count(host.selected()) + " to "
                    + host.mtaName() + (host.mta().equals("postfix") && host.selected() > 0
                    ? " (re-submitted with sendmail: new queue IDs)" : ""));
        }
    }
}
