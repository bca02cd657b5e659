package dev.qctl.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.qctl.model.Durations;
import dev.qctl.model.LogEvent;
import dev.qctl.model.Sanitizer;
import dev.qctl.trace.MessageTrace;
import dev.qctl.trace.TraceResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * {@code qctl log}: per message a summary in {@code #} lines (its queue IDs, sender, Message-ID and
 * each recipient's last status) and then its log lines as logged, so the text can be compared
 * with exigrep's or grep's; JSON and NDJSON give one event per line.
 */
public final class LogTraceWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private final PrintStream out;
    private final OutputFormat format;
    private final Terminal terminal;
    private boolean first = true;

    public LogTraceWriter(PrintStream out, OutputFormat format, Terminal terminal) {
        this.out = out;
        this.format = format;
        this.terminal = terminal;
        if (format == OutputFormat.JSON) {
            out.print("[");
        }
    }

    /** @param host the host's name when there are several, else null */
    public void write(String host, String target, TraceResult result) {
        if (format == OutputFormat.JSON || format == OutputFormat.NDJSON) {
            for (MessageTrace m : result.messages()) {
                for (LogEvent e : m.events()) {
                    event(target, m, e);
                }
            }
            return;
        }
        if (host != null) {
            header("# host " + host + " (" + result.sources().describe() + ")");
        }
        for (MessageTrace m : result.messages()) {
            table(m);
        }
        out.flush();
    }

    public void finish() {
        if (format == OutputFormat.JSON) {
            out.print(first ? "]\n" : "\n]\n");
        }
        out.flush();
    }

    private void table(MessageTrace m) {
        StringBuilder head = new StringBuilder("# ").append(String.join(" -> ", m.queueIds()));
        String sender = m.sender();
        if (sender != null) {
            head.append("  from <").append(sender).append('>');
        }
        if (m.messageId() != null) {
            head.append("  message-id <").append(m.messageId()).append('>');
        }
        if (m.completed()) {
            head.append("  (left the queue)");
        }
        header(head.toString());
        Map<String, LogEvent> last = m.finalAttempts();
        if (last.isEmpty()) {
            header("#   no delivery attempt in the log");
        }
        for (Map.Entry<String, LogEvent> entry : last.entrySet()) {
            header("#   " + entry.getKey() + "  " + outcome(m, entry.getKey(), entry.getValue()));
        }
        for (LogEvent e : m.events()) {
            out.print(Sanitizer.inline(e.line()) + "\n");
        }
        out.print("\n");
    }

    /** "deferred, 3 attempts since … : reason" or "sent (relay …): reply". */
    private static String outcome(MessageTrace m, String recipient, LogEvent last) {
        StringBuilder sb = new StringBuilder(last.nextQueueId() != null ? "passed on as " + last.nextQueueId()
                : String.valueOf(last.status()));
        List<LogEvent> attempts = m.attempts(recipient);
        if (attempts.size() > 1) {
            sb.append(", ").append(attempts.size()).append(" attempts over ")
                    .append(Durations.human(java.time.Duration.between(attempts.get(0).time(), last.time())));
        }
        if (last.relay() != null && !last.relay().equals("none")) {
            sb.append(" via ").append(last.relay());
        }
        if (last.reason() != null) {
            sb.append(": ").append(last.reason());
        }
        return sb.toString();
    }

    private void header(String text) {
        String clean = Sanitizer.inline(text);
        out.print((terminal.color() ? Ansi.BOLD + clean + Ansi.RESET : clean) + "\n");
    }

    private void event(String target, MessageTrace m, LogEvent e) {
        StringWriter buffer = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(buffer)) {
            g.writeStartObject();
            g.writeStringField("time", RecordFields.isoUtc(e.time()));
            g.writeStringField("host", target);
            g.writeStringField("trace", m.queueIds().get(0));
            g.writeStringField("queue_id", e.queueId());
            g.writeStringField("event", e.kind().label());
            optional(g, "program", e.program());
            optional(g, "log_host", e.host());
            optional(g, "sender", e.sender());
            optional(g, "recipient", e.recipient());
            optional(g, "relay", e.relay());
            optional(g, "delay", e.delay());
            optional(g, "dsn", e.dsn());
            optional(g, "status", e.status());
            optional(g, "reason", e.reason());
            optional(g, "message_id", e.messageId());
            optional(g, "next_queue_id", e.nextQueueId());
            g.writeStringField("text", e.text());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        if (format == OutputFormat.JSON) {
            out.print(first ? "\n" : ",\n");
        }
        out.print(buffer);
        if (format == OutputFormat.NDJSON) {
            out.print("\n");
        }
        first = false;
    }

    private static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
