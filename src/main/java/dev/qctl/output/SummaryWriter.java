package dev.qctl.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.qctl.model.QueueName;
import dev.qctl.output.TextTable.Cell;
import dev.qctl.output.TextTable.Column;
import dev.qctl.queue.AgeBuckets;
import dev.qctl.queue.QueueSummary;
import dev.qctl.queue.QueueSummary.Count;
import dev.qctl.queue.QueueSummary.ReasonRow;
import dev.qctl.queue.QueueSummary.ShapeRow;
import dev.qctl.model.Sizes;
import dev.qctl.queue.HostResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link QueueSummary.Result} as tables, or as one JSON/YAML document, or the shape as CSV. */
public final class SummaryWriter {

    private final PrintStream out;
    private final Terminal terminal;
    private final boolean headers;

    public SummaryWriter(PrintStream out, Terminal terminal, boolean headers) {
        this.out = out;
        this.terminal = terminal;
        this.headers = headers;
    }

    public void write(QueueSummary.Result result, OutputFormat format) {
        switch (format) {
            case JSON:
            case NDJSON:
            case YAML:
                Documents.print(out, format, toData(result));
                break;
            case CSV:
                writeShapeCsv(result);
                break;
            case IDS:
                throw new IllegalArgumentException("summary has no IDs to print: use -o table, json, ndjson, yaml or csv");
            default:
                writeTables(result);
        }
        out.flush();
    }

    /**
     * Several hosts: each host's summary (or its error) in host order, then the totals over the
     * hosts that answered. Data formats give one document {@code {"hosts": [...], "total": {...}}};
     * CSV gives the shape table of the totals.
     */
    public void writeHosts(List<HostResult<QueueSummary.Result>> hosts, QueueSummary.Result total, OutputFormat format) {
        switch (format) {
            case JSON, NDJSON, YAML -> Documents.print(out, format,
                    Documents.perHost(hosts, "summary", this::toData, toData(total)));
            case CSV -> writeShapeCsv(total);
            case IDS -> throw new IllegalArgumentException("summary has no IDs to print: use -o table, json, ndjson, yaml or csv");
            default -> Documents.perHostText(out, hosts, this::writeTables, () -> writeTables(total));
        }
        out.flush();
    }

    static String shapeTitle(QueueSummary.ShapeBy by) {
        return by == QueueSummary.ShapeBy.SENDER_DOMAIN ? "sender-domain" : "recipient-domain";
    }

    ObjectNode toData(QueueSummary.Result r) {
        ObjectNode root = Documents.object();
        root.put("messages", r.messages());
        root.put("bytes", r.bytes());
        root.put("frozen", r.frozen());
        ObjectNode queues = root.putObject("queues");
        for (Map.Entry<QueueName, Count> e : r.queues().entrySet()) {
            ObjectNode q = queues.putObject(e.getKey().label());
            q.put("messages", e.getValue().messages());
            q.put("bytes", e.getValue().bytes());
        }
        ObjectNode shape = root.putObject("shape");
        shape.put("by", shapeTitle(r.shapeBy()));
        ArrayNode buckets = shape.putArray("buckets");
        AgeBuckets.LABELS.forEach(buckets::add);
        ArrayNode rows = shape.putArray("rows");
        for (ShapeRow row : r.shape()) {
            ObjectNode o = rows.addObject();
            o.put("domain", row.domain());
            o.put("total", row.total());
            ArrayNode counts = o.putArray("counts");
            for (long c : row.buckets()) {
                counts.add(c);
            }
        }
        ArrayNode reasons = root.putArray("reasons");
        for (ReasonRow row : r.reasons()) {
            ObjectNode o = reasons.addObject();
            o.put("reason", row.reason());
            o.put("recipients", row.recipients());
            o.put("messages", row.messages());
            o.put("example", row.example());
        }
        return root;
    }

    private void writeShapeCsv(QueueSummary.Result r) {
        if (headers) {
            List<String> header = new ArrayList<>(List.of("domain", "total"));
            header.addAll(AgeBuckets.LABELS);
            out.print(Csv.line(header));
        }
        for (ShapeRow row : r.shape()) {
            List<String> fields = new ArrayList<>(List.of(row.domain(), Long.toString(row.total())));
            for (long c : row.buckets()) {
                fields.add(Long.toString(c));
            }
            out.print(Csv.line(fields));
        }
    }

    private void writeTables(QueueSummary.Result r) {
        TextTable queues = new TextTable(out, List.of(Column.left("QUEUE"), Column.right("MESSAGES"),
                Column.right("SIZE")), terminal, headers);
        for (Map.Entry<QueueName, Count> e : r.queues().entrySet()) {
            String label = e.getKey().label();
            if (e.getKey() == QueueName.HOLD && r.frozen() > 0) {
                label += " (" + r.frozen() + " frozen)";
            }
            queues.add(List.of(Cell.of(label), Cell.of(Long.toString(e.getValue().messages())),
                    Cell.of(Sizes.human(e.getValue().bytes()))));
        }
        queues.add(List.of(bold("TOTAL"), bold(Long.toString(r.messages())), bold(Sizes.human(r.bytes()))));
        queues.finish();

        out.print('\n');
        List<Column> shapeColumns = new ArrayList<>();
        shapeColumns.add(Column.left(shapeTitle(r.shapeBy()).toUpperCase(Locale.ROOT)).max(40));
        shapeColumns.add(Column.right("T"));
        AgeBuckets.LABELS.forEach(label -> shapeColumns.add(Column.right(label)));
        TextTable shape = new TextTable(out, shapeColumns, terminal, headers);
        for (ShapeRow row : r.shape()) {
            List<Cell> cells = new ArrayList<>();
            cells.add(row.domain().equals("TOTAL") ? bold("TOTAL") : Cell.of(row.domain()));
            cells.add(Cell.of(Long.toString(row.total())));
            for (long c : row.buckets()) {
                cells.add(Cell.of(Long.toString(c)));
            }
            shape.add(cells);
        }
        shape.finish();

        if (!r.reasons().isEmpty()) {
            out.print('\n');
            TextTable reasons = new TextTable(out, List.of(Column.right("RECIPIENTS"), Column.right("MESSAGES"),
                    Column.left("REASON").stretch()), terminal, headers);
            for (ReasonRow row : r.reasons()) {
                reasons.add(List.of(Cell.of(Long.toString(row.recipients())), Cell.of(Long.toString(row.messages())),
                        Cell.of(row.reason())));
            }
            reasons.finish();
        }
    }

    private Cell bold(String text) {
        return new Cell(text, terminal.color() ? Ansi.BOLD : null);
    }
}
