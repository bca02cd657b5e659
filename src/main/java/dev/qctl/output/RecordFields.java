package dev.qctl.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Writes the record in its documented order through any Jackson generator (JSON, NDJSON, YAML),
 * so every data format carries exactly the same fields.
 */
final class RecordFields {
    private RecordFields() {
    }

    static void write(JsonGenerator g, QueuedMessage m, Instant now) throws IOException {
        g.writeStartObject();
        g.writeStringField("host", m.host());
        g.writeStringField("mta", m.mta().label());
        g.writeStringField("id", m.id());
        g.writeStringField("queue", m.queue().label());
        g.writeStringField("arrival", isoUtc(m.arrival()));
        g.writeNumberField("age_seconds", m.age(now).getSeconds());
        g.writeNumberField("size", m.size());
        g.writeStringField("sender", m.sender());
        g.writeBooleanField("frozen", m.frozen());
        g.writeArrayFieldStart("recipients");
        for (Recipient r : m.recipients()) {
            g.writeStartObject();
            g.writeStringField("address", r.address());
            g.writeStringField("status", r.status().label());
            g.writeStringField("reason", r.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static String isoUtc(Instant instant) {
        // Whole seconds: the same precision for every MTA (Exim knows fractions, Postfix does not).
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
