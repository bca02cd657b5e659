package dev.qctl.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qctl.model.Suspension;
import dev.qctl.queue.HostResult;
import dev.qctl.queue.SuspendService;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code qctl suspensions}: one row per suspended domain and host (a table, or JSON, NDJSON, YAML
 * objects with the same fields), an entry past its end flagged as overdue.
 */
public final class SuspensionWriter {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final PrintStream out;
    private final Terminal terminal;
    private final boolean headers;
    private final boolean several;

    public SuspensionWriter(PrintStream out, Terminal terminal, boolean headers, boolean several) {
        this.out = out;
        this.terminal = terminal;
        this.headers = headers;
        this.several = several;
    }

    /** A time as the table and the messages show it: local, to the second; "-" when unknown. */
    public static String time(Instant t) {
        return t == null ? "-" : LOCAL.format(t);
    }

    public void write(List<HostResult<SuspendService.HostSuspensions>> hosts, OutputFormat format) {
        if (format.isHuman()) {
            table(hosts);
            return;
        }
        if (format == OutputFormat.NDJSON) {
            for (HostResult<SuspendService.HostSuspensions> h : hosts) {
                if (h.ok()) {
                    h.value().entries().forEach(e -> Documents.print(out, format, entry(h.host(), h.value().mta(), e)));
                }
            }
            out.flush();
            return;
        }
        ObjectNode root = Documents.object();
        ArrayNode list = root.putArray("suspensions");
        ArrayNode errors = null;
        for (HostResult<SuspendService.HostSuspensions> h : hosts) {
            if (!h.ok()) {
                errors = errors == null ? root.putArray("errors") : errors;
                errors.addObject().put("host", h.host()).put("error", h.error());
                continue;
            }
            h.value().entries().forEach(e -> list.add(entry(h.host(), h.value().mta(), e)));
        }
        Documents.print(out, format, root);
        out.flush();
    }

    private static ObjectNode entry(String host, String mta, SuspendService.Listed e) {
        Suspension s = e.suspension();
        ObjectNode o = Documents.object();
        o.put("host", host);
        o.put("mta", mta);
        o.put("domain", s.domain());
        putTime(o, "since", s.since());
        putTime(o, "until", s.until());
        o.put("reason", s.reason());
        o.put("by", s.by());
        o.put("messages", e.messages());
        o.put("recipients", e.recipients());
        o.put("overdue", e.overdue());
        return o;
    }

    private static void putTime(ObjectNode o, String field, Instant t) {
        if (t == null) {
            o.putNull(field);
        } else {
            o.put(field, t.toString());
        }
    }

    private void table(List<HostResult<SuspendService.HostSuspensions>> hosts) {
        List<TextTable.Column> columns = new ArrayList<>();
        if (several) {
            columns.add(TextTable.Column.left("HOST"));
        }
        columns.addAll(List.of(TextTable.Column.left("DOMAIN"), TextTable.Column.left("SINCE"), TextTable.Column.left("UNTIL"),
                TextTable.Column.left("BY"), TextTable.Column.right("MESSAGES"), TextTable.Column.right("RCPTS"),
                TextTable.Column.left("REASON").stretch()));
        TextTable table = new TextTable(out, columns, terminal, headers);
        String warn = terminal.color() ? Ansi.RED : null;
        for (HostResult<SuspendService.HostSuspensions> h : hosts) {
            if (!h.ok()) {
                continue;
            }
            for (SuspendService.Listed e : h.value().entries()) {
                Suspension s = e.suspension();
                List<TextTable.Cell> row = new ArrayList<>();
                if (several) {
                    row.add(TextTable.Cell.of(h.host()));
                }
                row.add(TextTable.Cell.of(s.domain()));
                row.add(TextTable.Cell.of(time(s.since())));
                row.add(e.overdue() ? new TextTable.Cell(time(s.until()) + " OVERDUE", warn)
                        : TextTable.Cell.of(s.until() == null ? "until resumed" : time(s.until())));
                row.add(TextTable.Cell.of(s.by()));
                row.add(TextTable.Cell.of(Long.toString(e.messages())));
                row.add(TextTable.Cell.of(Long.toString(e.recipients())));
                row.add(TextTable.Cell.of(s.reason()));
                table.add(row);
            }
        }
        table.finish();
    }
}
