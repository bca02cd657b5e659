package dev.qctl.cli;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.model.Sanitizer;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.output.LogTraceWriter;
import dev.qctl.output.OutputFormat;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.HostResult;
import dev.qctl.trace.LogQuery;
import dev.qctl.trace.LogTrace;
import dev.qctl.trace.TimeSpec;
import dev.qctl.trace.TraceResult;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qctl log}: the history of messages from the MTA's log, across the queue IDs each one had.
 * The search runs on the host (grep -F, zgrep, journalctl); see {@link LogTrace}.
 */
@Command(name = "log", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Trace messages through the mail log: every line about them, per message in time order.",
            "Follows Postfix's hops to new queue IDs (content filters: 'queued as NEW', the same message-id after "
                + "a re-injection or requeue). Searches on the host with grep -F, zgrep (rotated .gz files) or "
                + "journalctl; only matching lines cross the connection.",
            "Exit 6 when no line matches or the log named is not there, 5 when the log cannot be read."})
public final class LogCommand implements Callable<Integer> {
    /** How many searches of the log one trace may take (each follows the hops the last one found). */
    static final int MAX_PASSES = 5;

    private final CliContext context;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Queue IDs to trace.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--message-id", paramLabel = "ID", description = "Trace the messages with this Message-ID (with or without <>).")
    String messageId;

    @Option(names = {"-f", "--from"}, paramLabel = "PATTERN",
            description = "Trace the messages from senders matching this glob (case-insensitive, e.g. '*@example.org').")
    String from;

    @Option(names = {"-t", "--to"}, paramLabel = "PATTERN",
            description = "Trace the messages to recipients matching this glob.")
    String to;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Leave out lines before TIME: an age (2h, 3d), 2026-12-01, '2026-12-01 09:30', 09:30 or ISO 8601.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Leave out lines after TIME (same forms as --since).")
    String until;

    @Option(names = "--log", paramLabel = "FILE",
            description = "The log file to search, with its rotated files beside it (FILE.1, FILE.2.gz, ...). "
                    + "Default: found from the MTA's configuration (Postfix maillog_file, Exim log_file_path), "
                    + "else /var/log/mail.log or /var/log/maillog, else the journal.")
    String logFile;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "Trace at most N messages for --message-id, --from and --to (default: ${DEFAULT-VALUE}).")
    int limit = 100;

    @Mixin
    OutputOptions output;

    @Mixin
    TargetOptions target;

    LogCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        output.format = output.format(EnumSet.of(OutputFormat.TABLE, OutputFormat.WIDE, OutputFormat.JSON,
                OutputFormat.NDJSON), "qctl log prints -o table, json or ndjson");
        Instant now = context.clock().instant();
        ZoneId zone = ZoneId.systemDefault();
        String bareMessageId = messageId == null ? null : messageId.strip().replaceAll("^<|>$", "");
        LogQuery query = new LogQuery(ids, bareMessageId, from, to,
                since == null ? null : TimeSpec.parse(since, now, zone),
                until == null ? null : TimeSpec.parse(until, now, zone), limit, MAX_PASSES, logFile);
        LogTraceWriter writer = new LogTraceWriter(context.out(), output.format, output.terminal(context));
        try (Fleet fleet = target.fleet(context)) {
            boolean several = fleet.several();
            List<HostResult<TraceResult>> results = fleet.run((host, index) -> {
                MtaAdapter adapter = host.adapter();
                ids.forEach(adapter.idGrammar()::require); // before anything runs on the host
                return new LogTrace(adapter.mailLog(), context::warn).trace(query);
            }, result -> {
                HostErrors.print(context, result);
                if (result.ok()) {
                    writer.write(several ? result.host() : null, result.host(), result.value());
                }
            });
            writer.finish();
            boolean found = results.stream().anyMatch(r -> r.ok() && !r.value().messages().isEmpty());
            if (!found && results.stream().anyMatch(HostResult::ok)) {
                TraceResult any = results.stream().filter(HostResult::ok).findFirst().orElseThrow().value();
                throw new QctlException(ExitCode.NOT_FOUND, "no log lines about " + Sanitizer.inline(what())
                        + (since != null || until != null ? " in the time asked for" : "") + " in "
                        + (several ? "the logs of " + results.size() + " hosts" : any.sources().describe()));
            }
            return several ? Fleet.exitCode(results).code() : 0;
        }
    }

    private String what() {
        if (!ids.isEmpty()) {
            return String.join(", ", ids);
        }
        if (messageId != null) {
            return "message-id " + messageId;
        }
        return (from != null ? "mail from " + from : "") + (from != null && to != null ? " " : "")
                + (to != null ? "mail to " + to : "");
    }
}
