package dev.qctl.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.qctl.model.MessageOrigin;
import dev.qctl.model.Mta;
import dev.qctl.model.OptionalField;
import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.model.RecipientStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.time.format.DateTimeFormatter;

/**
 * Writes the record in its documented order through any Jackson generator (JSON, NDJSON, YAML),
 * so every data format carries exactly the same fields.
 */
final class RecordFields {
    // The envelope's member names, encoded once rather than for each record.
    private static final SerializedString HOST = new SerializedString("host");
    private static final SerializedString MTA = new SerializedString("mta");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString QUEUE = new SerializedString("queue");
    private static final SerializedString ARRIVAL = new SerializedString("arrival");
    private static final SerializedString AGE_SECONDS = new SerializedString("age_seconds");
    private static final SerializedString SIZE = new SerializedString("size");
    private static final SerializedString SENDER = new SerializedString("sender");
    private static final SerializedString FROZEN = new SerializedString("frozen");
    private static final SerializedString RECIPIENTS = new SerializedString("recipients");
    private static final SerializedString ADDRESS = new SerializedString("address");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString REASON = new SerializedString("reason");

    // The enums' labels, quoted and encoded once: written as bytes, without the escape check of a String.
    private static final SerializedString[] MTAS = labels(Mta.values(), Mta::label);
    private static final SerializedString[] QUEUES = labels(QueueName.values(), QueueName::label);
    private static final SerializedString[] STATUSES = labels(RecipientStatus.values(), RecipientStatus::label);

    private RecordFields() {
    }

    private static <E extends Enum<E>> SerializedString[] labels(E[] values, java.util.function.Function<E, String> label) {
        SerializedString[] s = new SerializedString[values.length];
        for (E e : values) {
            s[e.ordinal()] = new SerializedString(label.apply(e));
        }
        return s;
    }

    private static void field(JsonGenerator g, SerializedString name, SerializedString value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    private static void field(JsonGenerator g, SerializedString name, String value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    static void write(JsonGenerator g, QueuedMessage m, Instant now) throws IOException {
        write(g, m, now, Set.of());
    }

    /** The record with the optional fields of {@code shown} (those the record carries) after the envelope. */
    static void write(JsonGenerator g, QueuedMessage m, Instant now, Set<OptionalField> shown) throws IOException {
        g.writeStartObject();
        field(g, HOST, m.host());
        field(g, MTA, MTAS[m.mta().ordinal()]);
        field(g, ID, m.id());
        field(g, QUEUE, QUEUES[m.queue().ordinal()]);
        field(g, ARRIVAL, isoUtc(m.arrival()));
        g.writeFieldName(AGE_SECONDS);
        g.writeNumber(m.age(now).getSeconds());
        g.writeFieldName(SIZE);
        g.writeNumber(m.size());
        field(g, SENDER, m.sender());
        g.writeFieldName(FROZEN);
        g.writeBoolean(m.frozen());
        g.writeFieldName(RECIPIENTS);
        g.writeStartArray();
        for (Recipient r : m.recipients()) {
            g.writeStartObject();
            field(g, ADDRESS, r.address());
            field(g, STATUS, STATUSES[r.status().ordinal()]);
            field(g, REASON, r.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (shown.contains(OptionalField.SUBJECT) && m.subject() != null) {
            g.writeStringField("subject", m.subject());
        }
        if (shown.contains(OptionalField.MESSAGE_ID) && m.messageId() != null) {
            g.writeStringField("message_id", m.messageId());
        }
        MessageOrigin o = m.origin();
        if (shown.contains(OptionalField.ORIGIN) && o != null) {
            g.writeObjectFieldStart("origin");
            g.writeStringField("sasl_username", o.saslUsername());
            g.writeStringField("sasl_method", o.saslMethod());
            g.writeStringField("client_address", o.clientAddress());
            g.writeStringField("client_name", o.clientName());
            g.writeStringField("helo", o.helo());
            g.writeStringField("protocol", o.protocol());
            g.writeStringField("local_user", o.localUser());
            if (o.localUid() == null) {
                g.writeNullField("local_uid");
            } else {
                g.writeNumberField("local_uid", o.localUid());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** The CSV columns of the optional fields, in the JSON order (origin members flattened). */
    static List<String> csvHeader(Set<OptionalField> shown) {
        List<String> h = new ArrayList<>();
        if (shown.contains(OptionalField.SUBJECT)) {
            h.add("subject");
        }
        if (shown.contains(OptionalField.MESSAGE_ID)) {
            h.add("message_id");
        }
        if (shown.contains(OptionalField.ORIGIN)) {
            h.addAll(List.of("sasl_username", "sasl_method", "client_address", "client_name", "helo", "protocol",
                    "local_user", "local_uid"));
        }
        return h;
    }

    static List<String> csvValues(QueuedMessage m, Set<OptionalField> shown) {
        List<String> v = new ArrayList<>();
        if (shown.contains(OptionalField.SUBJECT)) {
            v.add(m.subject());
        }
        if (shown.contains(OptionalField.MESSAGE_ID)) {
            v.add(m.messageId());
        }
        if (shown.contains(OptionalField.ORIGIN)) {
            MessageOrigin o = m.origin() == null ? MessageOrigin.UNKNOWN : m.origin();
            v.addAll(Arrays.asList(o.saslUsername(), o.saslMethod(), o.clientAddress(), o.clientName(), o.helo(),
                    o.protocol(), o.localUser(), o.localUid() == null ? null : o.localUid().toString()));
        }
        return v;
    }

    static String isoUtc(Instant instant) {
        // Whole seconds: the same precision for every MTA (Exim knows fractions, Postfix does not).
        long seconds = instant.getEpochSecond();
        java.time.LocalDate day = java.time.LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        int year = day.getYear();
        if (year < 0 || year > 9999) {
            return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
        // What ISO_INSTANT prints for these years, without its formatter's machinery (once per record).
        int time = (int) Math.floorMod(seconds, 86_400L);
        char[] c = new char[20];
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, day.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, day.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, time / 3600, 2);
        c[13] = ':';
        digits(c, 14, time / 60 % 60, 2);
        c[16] = ':';
        digits(c, 17, time % 60, 2);
        c[19] = 'Z';
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
