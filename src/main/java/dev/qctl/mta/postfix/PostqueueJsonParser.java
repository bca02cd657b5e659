package dev.qctl.mta.postfix;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qctl.model.Mta;
import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.mta.Lookahead;
import dev.qctl.model.Sanitizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses {@code postqueue -j} (Postfix 3.1+): one JSON object per line, read one line at a time so
 * a queue of any size costs the memory of one record. Members Postfix adds later
 * ({@code forced_expire}, {@code orig_address}, ...) are ignored; a line that is not a valid record
 * is reported to the warnings and skipped.
 */
public final class PostqueueJsonParser {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String host;
    private final Consumer<String> warnings;

    public PostqueueJsonParser(String host, Consumer<String> warnings) {
        this.host = host;
        this.warnings = warnings;
    }

    public Iterator<QueuedMessage> parse(BufferedReader reader) {
        return new Lookahead<>() {
            private int lineNumber;

            @Override
            protected QueuedMessage advance() {
                String line;
                while ((line = readLine(reader)) != null) {
                    lineNumber++;
                    QueuedMessage record = line.isBlank() ? null : parseLine(line, lineNumber);
                    if (record != null) {
                        return record;
                    }
                }
                return null;
            }
        };
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One record, or null (after a warning) when the line is not one. */
    QueuedMessage parseLine(String line, int lineNumber) {
        try {
            JsonNode node = JSON.readTree(line);
            String id = requireText(node, "queue_id");
            QueueName queue = QueueName.parse(requireText(node, "queue_name"));
            Instant arrival = Instant.ofEpochSecond(requireNumber(node, "arrival_time").asLong());
            long size = requireNumber(node, "message_size").asLong();
            String sender = PostfixSender.fromPostfix(requireText(node, "sender"));
            List<Recipient> recipients = new ArrayList<>();
            for (JsonNode r : node.path("recipients")) {
                String address = requireText(r, "address");
                JsonNode reason = r.get("delay_reason");
                recipients.add(Recipient.of(address, reason == null || reason.isNull() ? null : reason.asText()));
            }
            return new QueuedMessage(host, Mta.POSTFIX, id, queue, arrival, size, sender, recipients, false);
        } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
            warnings.accept("skipped a postqueue record that does not parse (line " + lineNumber + "): "
                    + Sanitizer.inline(e.getMessage() == null ? e.toString() : firstLine(e.getMessage())));
            return null;
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static String requireText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing or non-text member '" + field + "'");
        }
        return value.asText();
    }

    private static JsonNode requireNumber(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("missing or non-numeric member '" + field + "'");
        }
        return value;
    }
}
