package dev.qctl.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qctl.diagnose.OriginTally;
import dev.qctl.model.Durations;
import dev.qctl.model.Sizes;
import dev.qctl.output.TextTable.Cell;
import dev.qctl.output.TextTable.Column;
import dev.qctl.queue.HostResult;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code qctl summary --by sasl-user|client|sender|subject}: the top keys with their messages,
 * recipients, bytes and oldest message, as a table, one JSON/YAML document, or CSV.
 */
public final class OriginSummaryWriter {
    private final PrintStream out;
    private final Terminal terminal;
    private final boolean headers;
    private final Clock clock;

    public OriginSummaryWriter(PrintStream out, Terminal terminal, boolean headers, Clock clock) {
        this.out = out;
        this.terminal = terminal;
        this.headers = headers;
        this.clock = clock;
    }

    public void write(OriginTally.Result result, OutputFormat format) {
        switch (format) {
            case JSON, NDJSON, YAML -> Documents.print(out, format, toData(result));
            case CSV -> writeCsv(result);
            default -> writeTable(result);
        }
        out.flush();
    }

    public void writeHosts(List<HostResult<OriginTally.Result>> hosts, OriginTally.Result total, OutputFormat format) {
        switch (format) {
            case JSON, NDJSON, YAML -> Documents.print(out, format,
                    Documents.perHost(hosts, "summary", this::toData, toData(total)));
            case CSV -> writeCsv(total);
            default -> Documents.perHostText(out, hosts, this::writeTable, () -> writeTable(total));
        }
        out.flush();
    }

    ObjectNode toData(OriginTally.Result r) {
        ObjectNode root = Documents.object();
        root.put("by", r.by().label());
        root.put("messages", r.messages());
        root.put("exact", r.exact());
        ArrayNode rows = root.putArray("top");
        for (OriginTally.Row row : r.rows()) {
            ObjectNode o = rows.addObject();
            o.put("key", row.key());
            o.put("messages", row.messages());
            o.put("recipients", row.recipients());
            o.put("bytes", row.bytes());
            o.put("oldest", row.oldest() == null ? null : RecordFields.isoUtc(row.oldest()));
            o.put("exact", row.exact());
        }
        return root;
    }

    private void writeCsv(OriginTally.Result r) {
        if (headers) {
            out.print(Csv.line(List.of("key", "messages", "recipients", "bytes", "oldest")));
        }
        for (OriginTally.Row row : r.rows()) {
            out.print(Csv.line(List.of(row.key(), Long.toString(row.messages()), Long.toString(row.recipients()),
                    Long.toString(row.bytes()), row.oldest() == null ? "" : RecordFields.isoUtc(row.oldest()))));
        }
    }

    private void writeTable(OriginTally.Result r) {
        TextTable table = new TextTable(out, List.of(Column.left(r.by().label().toUpperCase(Locale.ROOT)).max(60),
                Column.right("MESSAGES"), Column.right("SHARE"), Column.right("RECIPIENTS"), Column.right("SIZE"),
                Column.right("OLDEST")), terminal, headers);
        for (OriginTally.Row row : r.rows()) {
            String share = r.messages() == 0 ? "" : Math.round(100.0 * row.messages() / r.messages()) + "%";
            table.add(List.of(Cell.of(row.key()), Cell.of((row.exact() ? "" : "~") + row.messages()), Cell.of(share),
                    Cell.of(Long.toString(row.recipients())), Cell.of(Sizes.human(row.bytes())),
                    Cell.of(row.oldest() == null ? "" : Durations.human(age(row)))));
        }
        table.add(List.of(new Cell("TOTAL", terminal.color() ? Ansi.BOLD : null), Cell.of(Long.toString(r.messages())),
                Cell.of(""), Cell.of(""), Cell.of(""), Cell.of("")));
        table.finish();
        if (!r.exact()) {
            out.print("(~: more distinct keys than tracked; counts marked ~ are upper bounds)\n");
        }
    }

    private Duration age(OriginTally.Row row) {
        Duration d = Duration.between(row.oldest(), clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }
}
