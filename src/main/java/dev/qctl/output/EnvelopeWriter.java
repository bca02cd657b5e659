package dev.qctl.output;

import dev.qctl.model.Sanitizer;

import dev.qctl.model.MessageOrigin;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.output.TextTable.Cell;
import dev.qctl.output.TextTable.Column;
import dev.qctl.model.Durations;
import dev.qctl.trace.DeliveryAttempts;
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

    /**
     * The delivery attempts from the mail log, after the envelope:
     * {@code Attempts:   3 since 2026-12-01T09:18:02Z (2h ago), last 5m ago}, then per recipient
     * "always: REASON" or each distinct reason with its count.
     */
    public void writeAttempts(DeliveryAttempts attempts) {
        if (attempts.recipients().isEmpty()) {
            line("Attempts", "none in " + attempts.source());
            return;
        }
        java.time.Instant now = clock.instant();
        int total = attempts.recipients().stream().mapToInt(DeliveryAttempts.PerRecipient::attempts).sum();
        java.time.Instant first = attempts.recipients().stream().map(DeliveryAttempts.PerRecipient::first)
                .min(java.util.Comparator.naturalOrder()).orElseThrow();
        java.time.Instant last = attempts.recipients().stream().map(DeliveryAttempts.PerRecipient::last)
                .max(java.util.Comparator.naturalOrder()).orElseThrow();
        line("Attempts", total + " since " + RecordFields.isoUtc(first) + " (" + Durations.human(
                java.time.Duration.between(first, now)) + " ago), last " + Durations.human(
                java.time.Duration.between(last, now)) + " ago, from " + attempts.source());
        for (DeliveryAttempts.PerRecipient r : attempts.recipients()) {
            StringBuilder sb = new StringBuilder("  ").append(r.address()).append(": ").append(r.attempts())
                    .append(r.attempts() == 1 ? " attempt, " : " attempts, ").append("last ").append(r.lastOutcome().label());
            if (r.reasons().size() == 1 && r.reasons().get(0).text() != null) {
                sb.append(r.attempts() > 1 ? ", always: " : ": ").append(r.reasons().get(0).text());
            }
            out.print(Sanitizer.inline(sb.toString()) + "\n");
            if (r.reasons().size() > 1) {
                for (DeliveryAttempts.Reason reason : r.reasons()) {
                    String text = reason.text() == null ? "(no reason logged)" : reason.text();
                    out.print(Sanitizer.inline("    " + reason.count() + "x " + text) + "\n");
                }
            }
        }
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
