package dev.qctl.cli;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.model.QueuedMessage;
import dev.qctl.mta.MessagePart;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.output.OutputFormat;
import dev.qctl.output.EnvelopeWriter;
import dev.qctl.output.RecordWriter;
import dev.qctl.output.RecordWriters;
import dev.qctl.model.Sanitizer;
import dev.qctl.output.SanitizingOutputStream;
import dev.qctl.queue.Fleet;
import dev.qctl.trace.DeliveryAttempts;
import dev.qctl.trace.LogQuery;
import dev.qctl.trace.LogTrace;
import dev.qctl.trace.TraceResult;
import dev.qctl.output.Terminal;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qctl show ID}: the envelope, then headers and body. Parts stream from the MTA to the
 * output; on a terminal they pass through the sanitizer, into a pipe or file they stay byte-exact.
 */
@Command(name = "show", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Show one queued message: envelope, headers and body, or the parts asked for.")
public final class ShowCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "ID", description = "The queue ID.")
    String id;

    @Option(names = {"-e", "--envelope"}, description = "Print the envelope (queue, arrival, size, sender, recipients).")
    boolean envelope;

    @Option(names = "--headers", description = "Print the message headers.")
    boolean headers;

    @Option(names = {"-b", "--body"}, description = "Print the message body.")
    boolean body;

    @Option(names = "--raw", description = "Print the message exactly as stored (headers and body, RFC 5322): "
            + "qctl show ID --raw > msg.eml")
    boolean raw;

    @Option(names = "--log", description = "Print the MTA's per-message log (Exim).")
    boolean log;

    @Option(names = {"-a", "--attempts"}, description = "Add the delivery attempts from the mail log to the envelope "
            + "(how many, since when, each distinct reason): one search, on the host, of the log files written since "
            + "the message arrived.")
    boolean attempts;

    @Mixin
    OutputOptions output;

    @Mixin
    TargetOptions target;

    ShowCommand(CliContext context) {
        this.context = context;
    }

    /**
     * With several hosts the message is looked for on all of them at once, and shown from the first
     * host (in the order given) that has it; stderr says which.
     */
    @Override
    public Integer call() {
        Terminal terminal = output.terminal(context);
        try (Fleet fleet = target.fleet(context)) {
            if (!fleet.several()) {
                fleet.run((host, index) -> show(host.adapter(), null, terminal));
                return 0;
            }
            HostLookup.Found found = new HostLookup(context, id).locate(fleet);
            context.err().println("qctl: " + id + " is on " + Sanitizer.inline(found.host().name()));
            try {
                return show(found.host().adapter(), found.message(), terminal);
            } catch (RuntimeException e) {
                throw found.host().explain(e);
            }
        }
    }

    /** @param known the message when already looked up, else null */
    private int show(MtaAdapter adapter, QueuedMessage known, Terminal terminal) {
        adapter.idGrammar().require(id);
        boolean anyPart = headers || body || raw || log;
        if (anyPart) {
            output.format = output.format(java.util.EnumSet.of(OutputFormat.TABLE, OutputFormat.WIDE),
                    "--headers, --body, --raw and --log print text: use them without -o " + output.format.label());
        }
        if (!output.format.isHuman()) {
            QueuedMessage message = known != null ? known : find(adapter);
            RecordWriter writer = RecordWriters.create(output.format, context.out(), terminal, context.clock(),
                    !output.noHeaders, false);
            writer.write(message);
            writer.finish();
            return 0;
        }
        List<MessagePart> parts = new ArrayList<>();
        if (raw) {
            parts.add(MessagePart.RAW);
        }
        if (headers) {
            parts.add(MessagePart.HEADERS);
        }
        if (body) {
            parts.add(MessagePart.BODY);
        }
        if (log) {
            parts.add(MessagePart.LOG);
        }
        boolean showEnvelope = envelope || !anyPart;
        if (!anyPart && !envelope) {
            parts.add(MessagePart.HEADERS);
            parts.add(MessagePart.BODY);
        }
        if (showEnvelope) {
            QueuedMessage message = known != null ? known : find(adapter);
            EnvelopeWriter envelopeWriter = new EnvelopeWriter(context.out(), terminal, context.clock());
            envelopeWriter.write(message);
            if (attempts) {
                writeAttempts(adapter, message, envelopeWriter);
            }
        }
        OutputStream sink = terminal.tty() ? new SanitizingOutputStream(context.out()) : context.out();
        boolean first = !showEnvelope;
        for (MessagePart part : parts) {
            if (!first) {
                // One blank line between parts: headers and body then read as the stored message.
                write(sink, part == MessagePart.LOG ? "\n-- message log --\n" : "\n");
            }
            adapter.copyPart(id, part, sink);
            first = false;
        }
        try {
            sink.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    /**
     * One pass over the log files written since the message arrived (a minute of clock skew
     * allowed): its own queue ID only, so it stays cheap on a big log. A log qctl cannot read is a
     * warning; the message is still shown.
     */
    private void writeAttempts(MtaAdapter adapter, QueuedMessage message, EnvelopeWriter envelopeWriter) {
        LogQuery query = new LogQuery(List.of(id), null, null, null, message.arrival().minusSeconds(60), null,
                1, 1, null);
        TraceResult result;
        try {
            result = new LogTrace(adapter.mailLog(), context::warn).trace(query);
        } catch (QctlException e) {
            context.warn("no delivery attempts: " + e.getMessage());
            return;
        }
        envelopeWriter.writeAttempts(DeliveryAttempts.of(result.sources().describe(), result.messages()));
    }

    private static void write(OutputStream sink, String text) {
        try {
            sink.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private QueuedMessage find(MtaAdapter adapter) {
        return adapter.find(id, context::warn).orElseThrow(() -> new QctlException(ExitCode.NOT_FOUND,
                "no message " + id + " in the " + adapter.mta().displayName() + " queue"));
    }
}
