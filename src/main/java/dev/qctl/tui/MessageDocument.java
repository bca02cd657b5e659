package dev.qctl.tui;

import dev.qctl.model.MessageDetails;
import dev.qctl.model.OptionalField;
import dev.qctl.model.OptionalFields;
import dev.qctl.model.QueuedMessage;
import java.util.List;
import dev.qctl.mta.Capability;
import dev.qctl.mta.MessagePart;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.output.EnvelopeWriter;
import dev.qctl.output.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The text of the message view: envelope, headers and body (and Exim's message log), or the raw
 * message; read through {@link MtaAdapter#copyPart} into a bounded buffer, then sanitized by {@link Pager}.
 */
final class MessageDocument {
    /** At most this much of a message is kept for the view (the rest is counted, not shown). */
    static final long LIMIT = 1L << 20;

    private MessageDocument() {
    }

    static Pager load(MtaAdapter adapter, QueuedMessage m, boolean raw, Clock clock) {
        StringBuilder text = new StringBuilder();
        if (!raw) {
            ByteArrayOutputStream envelope = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(envelope, true, StandardCharsets.UTF_8);
            new EnvelopeWriter(out, new Terminal(true, false, 0), clock).write(withOrigin(adapter, m));
            out.flush();
            text.append(envelope.toString(StandardCharsets.UTF_8)).append('\n');
            text.append(part(adapter, m, MessagePart.HEADERS)).append('\n');
            text.append(part(adapter, m, MessagePart.BODY));
            if (adapter.capabilities().contains(Capability.SHOW_LOG)) {
                text.append("\n-- message log --\n").append(part(adapter, m, MessagePart.LOG));
            }
        } else {
            text.append(part(adapter, m, MessagePart.RAW));
        }
        String title = m.id() + (raw ? " (raw)" : "");
        return Pager.ofText(title, text.toString());
    }

    /** The message with its origin, subject and Message-ID, read for this one message (as it is opened). */
    static QueuedMessage withOrigin(MtaAdapter adapter, QueuedMessage m) {
        if (m.origin() != null && m.subject() != null && m.messageId() != null) {
            return m;
        }
        try {
            MessageDetails d = adapter.details(List.of(m.id()), OptionalFields.of(OptionalField.ORIGIN,
                    OptionalField.SUBJECT, OptionalField.MESSAGE_ID)).get(m.id());
            return d == null ? m : m.withDetails(d);
        } catch (RuntimeException e) {
            return m; // the envelope still shows; the headers below name the failure if it is real
        }
    }

    private static String part(MtaAdapter adapter, QueuedMessage m, MessagePart part) {
        BoundedBuffer buffer = new BoundedBuffer(LIMIT);
        try {
            adapter.copyPart(m.id(), part, buffer);
        } catch (RuntimeException e) {
            return "[" + part.name().toLowerCase(java.util.Locale.ROOT) + " unavailable: " + e.getMessage() + "]\n";
        }
        String kept = buffer.text();
        if (buffer.dropped() > 0) {
            kept += "\n[… " + buffer.dropped() + " more bytes not shown]\n";
        }
        return kept;
    }
}
