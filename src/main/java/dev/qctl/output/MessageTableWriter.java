package dev.qctl.output;

import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.output.TextTable.Cell;
import dev.qctl.output.TextTable.Column;
import dev.qctl.model.Durations;
import dev.qctl.model.Sizes;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The human listing. {@code table}: ID, queue, age, size, sender, first recipient (+N) and the first
 * reason, cut to the terminal; {@code wide}: adds the arrival time, all recipients and the whole
 * reason, and cuts nothing. The null sender shows as {@code <>}.
 */
final class MessageTableWriter implements RecordWriter {
    private static final DateTimeFormatter ARRIVAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final TextTable table;
    private final boolean wide;
    private final boolean showHost;
    private final Clock clock;
    private final Terminal terminal;

    MessageTableWriter(java.io.PrintStream out, Terminal terminal, Clock clock, boolean wide, boolean showHost,
                       boolean headers) {
        this.wide = wide;
        this.showHost = showHost;
        this.clock = clock;
        this.terminal = terminal;
        List<Column> columns = new ArrayList<>();
        if (showHost) {
            columns.add(Column.left("HOST"));
        }
        columns.add(Column.left("ID"));
        columns.add(Column.left("QUEUE"));
        if (wide) {
            columns.add(Column.left("ARRIVAL"));
        }
        columns.add(Column.right("AGE"));
        columns.add(Column.right("SIZE"));
        columns.add(wide ? Column.left("SENDER") : Column.left("SENDER").max(40));
        columns.add(wide ? Column.left("RECIPIENTS") : Column.left("RECIPIENTS").max(45));
        columns.add(wide ? Column.left("REASON") : Column.left("REASON").stretch());
        this.table = new TextTable(out, columns, wide ? new Terminal(terminal.tty(), terminal.color(), 0) : terminal,
                headers);
    }

    @Override
    public void write(QueuedMessage m) {
        List<Cell> row = new ArrayList<>();
        if (showHost) {
            row.add(Cell.of(m.host()));
        }
        row.add(Cell.of(m.id()));
        row.add(new Cell(m.frozen() ? "frozen" : m.queue().label(), queueStyle(m)));
        if (wide) {
            row.add(Cell.of(ARRIVAL.format(m.arrival().atZone(ZoneId.systemDefault()))));
        }
        row.add(Cell.of(Durations.human(m.age(clock.instant()))));
        row.add(Cell.of(wide ? Long.toString(m.size()) : Sizes.human(m.size())));
        row.add(Cell.of(m.isBounce() ? "<>" : m.sender()));
        row.add(Cell.of(recipients(m)));
        String reason = m.firstReason();
        row.add(new Cell(reason == null ? "" : reason, null));
        table.add(row);
    }

    private String recipients(QueuedMessage m) {
        List<Recipient> rs = m.recipients();
        if (rs.isEmpty()) {
            return "";
        }
        if (wide) {
            return rs.stream().map(Recipient::address).collect(Collectors.joining(","));
        }
        return rs.size() == 1 ? rs.get(0).address() : rs.get(0).address() + " (+" + (rs.size() - 1) + ")";
    }

    private String queueStyle(QueuedMessage m) {
        if (!terminal.color()) {
            return null;
        }
        switch (m.queue()) {
            case ACTIVE:
                return Ansi.GREEN;
            case DEFERRED:
                return Ansi.YELLOW;
            case HOLD:
                return Ansi.MAGENTA;
            default:
                return Ansi.CYAN;
        }
    }

    @Override
    public void finish() {
        table.finish();
    }
}
