package dev.qctl.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.qctl.model.Durations;
import dev.qctl.model.QuarantinedMessage;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.Sizes;
import dev.qctl.output.TextTable.Cell;
import dev.qctl.output.TextTable.Column;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the messages kept in quarantines ({@code qctl quarantine list}): per message its host, run,
 * when it was kept, the original queue ID, queue, arrival, size, sender and recipients with their
 * states. Table: one row each; JSON/NDJSON/YAML: those fields; CSV; {@code -o ids}: the queue IDs.
 */
public final class QuarantineWriter {
    private final PrintStream out;
    private final Terminal terminal;
    private final boolean headers;
    private final boolean showHost;
    private final Instant now;

    public QuarantineWriter(PrintStream out, Terminal terminal, boolean headers, boolean showHost, Instant now) {
        this.out = out;
        this.terminal = terminal;
        this.headers = headers;
        this.showHost = showHost;
        this.now = now;
    }

    public void write(List<QuarantinedMessage> kept, OutputFormat format) {
        switch (format) {
            case JSON, NDJSON, YAML -> writeData(kept, format);
            case CSV -> {
                if (headers) {
                    out.print(Csv.line(List.of("host", "mta", "run", "quarantined", "id", "queue", "arrival", "size", "sender",
                            "recipients")));
                }
                for (QuarantinedMessage q : kept) {
                    QueuedMessage m = q.message();
                    out.print(Csv.line(List.of(m.host(), m.mta().label(), q.run(), q.quarantined().toString(), m.id(),
                            m.queue().label(), m.arrival().toString(), Long.toString(m.size()), m.sender(),
                            String.join(" ", m.recipients().stream().map(Recipient::address).toList()))));
                }
            }
            case IDS -> kept.forEach(q -> out.print(q.message().id() + "\n"));
            default -> writeTable(kept, format == OutputFormat.WIDE);
        }
        out.flush();
    }

    private void writeTable(List<QuarantinedMessage> kept, boolean wide) {
        List<Column> columns = new ArrayList<>();
        if (wide || showHost) {
            columns.add(Column.left("HOST"));
        }
        columns.addAll(List.of(Column.left("RUN"), Column.right("KEPT"), Column.left("ID"), Column.right("AGE"),
                Column.right("SIZE"), Column.left("SENDER").max(wide ? 0 : 40), Column.left("RECIPIENTS").stretch()));
        TextTable table = new TextTable(out, columns, terminal, headers);
        for (QuarantinedMessage q : kept) {
            QueuedMessage m = q.message();
            List<Cell> row = new ArrayList<>();
            if (wide || showHost) {
                row.add(Cell.of(m.host()));
            }
            List<String> open = m.recipients().stream().filter(r -> r.status() != dev.qctl.model.RecipientStatus.DELIVERED)
                    .map(Recipient::address).toList();
            row.addAll(List.of(Cell.of(q.run()), Cell.of(age(q.quarantined())), Cell.of(m.id()), Cell.of(age(m.arrival())),
                    Cell.of(Sizes.human(m.size())), Cell.of(m.sender().isEmpty() ? "<>" : m.sender()),
                    Cell.of(String.join(", ", open) + (open.size() < m.recipients().size()
                            ? " (+" + (m.recipients().size() - open.size()) + " delivered)" : ""))));
            table.add(row);
        }
        table.finish();
    }

    private String age(Instant then) {
        Duration d = Duration.between(then, now);
        return Durations.human(d.isNegative() ? Duration.ZERO : d);
    }

    private void writeData(List<QuarantinedMessage> kept, OutputFormat format) {
        try {
            JsonGenerator g = format == OutputFormat.YAML
                    ? new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).createGenerator(out)
                    : new JsonFactory().createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (format == OutputFormat.JSON) {
                g.setPrettyPrinter(PrettyJson.printer());
                g.writeStartArray();
            } else if (format == OutputFormat.NDJSON) {
                g.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
            } else {
                g.writeStartArray();
            }
            for (QuarantinedMessage q : kept) {
                QueuedMessage m = q.message();
                g.writeStartObject();
                g.writeStringField("host", m.host());
                g.writeStringField("mta", m.mta().label());
                g.writeStringField("run", q.run());
                g.writeStringField("quarantined", q.quarantined().toString());
                g.writeStringField("id", m.id());
                g.writeStringField("queue", m.queue().label());
                g.writeStringField("arrival", m.arrival().toString());
                g.writeNumberField("size", m.size());
                g.writeStringField("sender", m.sender());
                g.writeArrayFieldStart("recipients");
                for (Recipient r : m.recipients()) {
                    g.writeStartObject();
                    g.writeStringField("address", r.address());
                    g.writeStringField("status", r.status().label());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            if (format != OutputFormat.NDJSON) {
                g.writeEndArray();
            }
            g.flush();
            if (format != OutputFormat.NDJSON || !kept.isEmpty()) {
                out.print("\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
