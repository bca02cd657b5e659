package dev.qctl.output;

import dev.qctl.model.Sanitizer;

import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.output.TextTable.Cell;
import dev.qctl.output.TextTable.Column;
import dev.qctl.model.Durations;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/** The envelope of one message for a person: labelled lines, then a table of recipients. */
public final class EnvelopeWriter {
    private final PrintStream out;
    private final Terminal terminal;
    private final Clock clock;

    public EnvelopeWriter(PrintStream out, Terminal terminal, Clock clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
    }

    public void write(QueuedMessage m) {
        line("Host", m.host());
        line("MTA", m.mta().label());
        line("ID", m.id());
        line("Queue", m.queue().label() + (m.frozen() ? " (frozen)" : ""));
        line("Arrival", RecordFields.isoUtc(m.arrival()) + " (" + Durations.human(m.age(clock.instant())) + " ago)");
        line("Size", m.size() + " bytes");
        line("Sender", m.isBounce() ? "<> (null sender: a bounce)" : m.sender());
        line("Recipients", Integer.toString(m.recipients().size()));
        TextTable table = new TextTable(out, List.of(Column.left("  ADDRESS"), Column.left("STATUS"),
                Column.left("REASON")), new Terminal(terminal.tty(), terminal.color(), 0), true);
        for (Recipient r : m.recipients()) {
            table.add(List.of(Cell.of("  " + r.address()), Cell.of(r.status().label()),
                    Cell.of(r.reason() == null ? "" : r.reason())));
        }
        table.finish();
    }

    private void line(String label, String value) {
        String key = String.format("%-12s", label + ":");
        out.print((terminal.color() ? Ansi.BOLD + key + Ansi.RESET : key) + Sanitizer.inline(value) + "\n");
    }
}
