package dev.qctl.output;

import dev.qctl.model.Sanitizer;

import dev.qctl.model.MessageOrigin;
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
        writeOrigin(m);
        line("Recipients", Integer.toString(m.recipients().size()));
        TextTable table = new TextTable(out, List.of(Column.left("  ADDRESS"), Column.left("STATUS"),
                Column.left("REASON")), new Terminal(terminal.tty(), terminal.color(), 0), true);
        for (Recipient r : m.recipients()) {
            table.add(List.of(Cell.of("  " + r.address()), Cell.of(r.status().label()),
                    Cell.of(r.reason() == null ? "" : r.reason())));
        }
        table.finish();
    }

    /** Who submitted it and the subject, when the record carries them (they were asked for). */
    private void writeOrigin(QueuedMessage m) {
        if (m.subject() != null) {
            line("Subject", m.subject());
        }
        if (m.messageId() != null) {
            line("Message-ID", m.messageId());
        }
        MessageOrigin o = m.origin();
        if (o == null) {
            return;
        }
        if (o.saslUsername() != null) {
            line("SASL user", o.saslUsername() + (o.saslMethod() == null ? "" : " (" + o.saslMethod() + ")"));
        }
        if (o.clientAddress() != null) {
            line("Client", o.clientAddress() + (o.clientName() == null ? "" : " (" + o.clientName() + ")"));
        }
        if (o.helo() != null) {
            line("HELO", o.helo());
        }
        if (o.protocol() != null) {
            line("Protocol", o.protocol());
        }
        if (o.local()) {
            line("Local user", (o.localUser() == null ? "" : o.localUser() + " ")
                    + (o.localUid() == null ? "" : "(uid " + o.localUid() + ")"));
        }
    }

    private void line(String label, String value) {
        String key = String.format("%-12s", label + ":");
        out.print((terminal.color() ? Ansi.BOLD + key + Ansi.RESET : key) + Sanitizer.inline(value) + "\n");
    }
}
