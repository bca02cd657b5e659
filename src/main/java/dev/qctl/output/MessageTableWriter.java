package dev.qctl.output;

import dev.qctl.model.MessageOrigin;
import dev.qctl.model.OptionalField;
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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The human listing. {@code table}: ID, queue, age, size, sender, first recipient (+N) and the first
 * reason, cut to the terminal; {@code wide}: adds the arrival time, all recipients and the whole
 * reason, and cuts nothing. The null sender shows as {@code <>}. With --with: AUTH (the SASL login, or
 * the local user of a local submission) and CLIENT (address) for origin, SUBJECT, MESSAGE-ID.
 */
final class MessageTableWriter implements RecordWriter {
    private static final DateTimeFormatter ARRIVAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final TextTable table;
    private final boolean wide;
    private final boolean showHost;
    private final Clock clock;
    private final Terminal terminal;
    private final Set<OptionalField> shown;

    MessageTableWriter(java.io.PrintStream out, Terminal terminal, Clock clock, boolean wide, boolean showHost,
                       boolean headers) {
        this(out, terminal, clock, wide, showHost, headers, Set.of());
    }

    MessageTableWriter(java.io.PrintStream out, Terminal terminal, Clock clock, boolean wide, boolean showHost,
                       boolean headers, Set<OptionalField> shown) {
        this.shown = Set.copyOf(shown);
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
        if (shown.contains(OptionalField.ORIGIN)) {
            columns.add(wide ? Column.left("AUTH") : Column.left("AUTH").max(30));
            columns.add(Column.left("CLIENT"));
        }
        if (shown.contains(OptionalField.SUBJECT)) {
            columns.add(wide ? Column.left("SUBJECT") : Column.left("SUBJECT").max(40));
        }
        if (shown.contains(OptionalField.MESSAGE_ID)) {
            columns.add(wide ? Column.left("MESSAGE-ID") : Column.left("MESSAGE-ID").max(40));
        }
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
        if (shown.contains(OptionalField.ORIGIN)) {
            MessageOrigin o = m.origin() == null ? MessageOrigin.UNKNOWN : m.origin();
            String account = o.account();
            row.add(Cell.of(account == null ? "-" : account));
            row.add(Cell.of(o.clientAddress() != null ? o.clientAddress() : o.local() ? "local" : "-"));
        }
        if (shown.contains(OptionalField.SUBJECT)) {
            row.add(Cell.of(m.subject() == null ? "" : m.subject()));
        }
        if (shown.contains(OptionalField.MESSAGE_ID)) {
            row.add(Cell.of(m.messageId() == null ? "" : m.messageId()));
        }
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
