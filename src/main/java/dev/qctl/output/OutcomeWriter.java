package dev.qctl.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.qctl.queue.ActionReport;
import java.util.function.Consumer;
import dev.qctl.output.TextTable.Cell;
import dev.qctl.output.TextTable.Column;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints the outcome of an action, one entry per message: {@code host, mta, id, action, result,
 * detail}. {@code -o ids} prints the IDs that succeeded.
 */
public final class OutcomeWriter {
    /** The rows to print, handed over one at a time (a 100k-message action is never a list). */
    @FunctionalInterface
    public interface Rows {
        void forEach(Consumer<ActionReport.Row> each);
    }

    private final PrintStream out;
    private final Terminal terminal;
    private final boolean headers;
    private final boolean showHost;

    public OutcomeWriter(PrintStream out, Terminal terminal, boolean headers) {
        this(out, terminal, headers, false);
    }

    /** @param showHost the table gets a HOST column (several hosts); -o wide always has it */
    public OutcomeWriter(PrintStream out, Terminal terminal, boolean headers, boolean showHost) {
        this.out = out;
        this.terminal = terminal;
        this.headers = headers;
        this.showHost = showHost;
    }

    /** @param failedHosts hosts that failed, with why: entries {"host", "error"} in data formats */
    public void write(Rows rows, String action, Map<String, String> failedHosts, OutputFormat format) {
        switch (format) {
            case JSON:
            case NDJSON:
            case YAML:
                writeData(rows, action, failedHosts, format);
                break;
            case CSV:
                if (headers) {
                    out.print(Csv.line(List.of("host", "mta", "id", "action", "result", "detail")));
                }
                rows.forEach(r -> out.print(Csv.line(List.of(r.host(), r.mta(), r.outcome().id(), action,
                        r.outcome().result().label(), r.outcome().detail()))));
                break;
            case IDS:
                rows.forEach(r -> {
                    if (r.outcome().isOk()) {
                        out.print(r.outcome().id() + "\n");
                    }
                });
                break;
            default:
                writeTable(rows, action, format == OutputFormat.WIDE);
        }
        out.flush();
    }

    private void writeTable(Rows rows, String action, boolean wide) {
        List<Column> columns = new ArrayList<>();
        if (wide || showHost) {
            columns.add(Column.left("HOST"));
        }
        columns.add(Column.left("ID"));
        columns.add(Column.left("ACTION"));
        columns.add(Column.left("RESULT"));
        columns.add(wide ? Column.left("DETAIL") : Column.left("DETAIL").stretch());
        TextTable table = new TextTable(out, columns, terminal, headers);
        rows.forEach(r -> {
            List<Cell> cells = new ArrayList<>();
            if (wide || showHost) {
                cells.add(Cell.of(r.host()));
            }
            cells.add(Cell.of(r.outcome().id()));
            cells.add(Cell.of(action));
            String style = !terminal.color() ? null : r.outcome().isOk() ? Ansi.GREEN : Ansi.RED;
            cells.add(new Cell(r.outcome().result().label(), style));
            cells.add(Cell.of(r.outcome().detail()));
            table.add(cells);
        });
        table.finish();
    }

    private void writeData(Rows rows, String action, Map<String, String> failedHosts, OutputFormat format) {
        try {
            JsonGenerator g = format == OutputFormat.YAML
                    ? YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build().createGenerator(out)
                    : new JsonFactory().createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (format == OutputFormat.JSON) {
                g.setPrettyPrinter(PrettyJson.printer());
            } else if (format == OutputFormat.NDJSON) {
                g.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
            }
            if (format != OutputFormat.NDJSON) {
                g.writeStartArray();
            }
            boolean[] any = {false};
            rows.forEach(r -> {
                any[0] = true;
                try {
                    g.writeStartObject();
                    g.writeStringField("host", r.host());
                    g.writeStringField("mta", r.mta());
                    g.writeStringField("id", r.outcome().id());
                    g.writeStringField("action", action);
                    g.writeStringField("result", r.outcome().result().label());
                    g.writeStringField("detail", r.outcome().detail());
                    g.writeEndObject();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            for (Map.Entry<String, String> failed : failedHosts.entrySet()) {
                g.writeStartObject();
                g.writeStringField("host", failed.getKey());
                g.writeStringField("error", failed.getValue());
                g.writeEndObject();
            }
            if (format != OutputFormat.NDJSON) {
                g.writeEndArray();
            }
            g.flush();
            if (!(format == OutputFormat.NDJSON && !any[0] && failedHosts.isEmpty())) {
                out.print('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
