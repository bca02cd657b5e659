package dev.qctl.mta.postfix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.qctl.model.Mta;
import dev.qctl.model.QueueName;
import dev.qctl.model.QueuedMessage;
import dev.qctl.model.Recipient;
import dev.qctl.mta.ByteLines;
import dev.qctl.mta.Lookahead;
import dev.qctl.model.Sanitizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses {@code postqueue -j} (Postfix 3.1+): one JSON object per line, read one line at a time so
 * a queue of any size costs the memory of one record. Each line's bytes go straight through
 * Jackson's streaming parser (no tree, no String per line): this is most of qctl's CPU in a large
 * listing. Members Postfix adds later ({@code forced_expire}, {@code orig_address}, ...) are
 * skipped; a line that is not a valid record is reported to the warnings and skipped.
 */
public final class PostqueueJsonParser {
    private static final JsonFactory JSON = new JsonFactory();

    private final String host;
    private final Consumer<String> warnings;
    private String lastReason;

    public PostqueueJsonParser(String host, Consumer<String> warnings) {
        this.host = host;
        this.warnings = warnings;
    }

    public Iterator<QueuedMessage> parse(InputStream in) {
        ByteLines lines = new ByteLines(in);
        return new Lookahead<>() {
            private int lineNumber;

            @Override
            protected QueuedMessage advance() {
                while (lines.next()) {
                    lineNumber++;
                    QueuedMessage record = lines.blank() ? null
                            : parseLine(lines.buffer(), lines.offset(), lines.length(), lineNumber);
                    if (record != null) {
                        return record;
                    }
                }
                return null;
            }
        };
    }

    /** One record, or null (after a warning) when the line is not one. */
    QueuedMessage parseLine(byte[] bytes, int offset, int length, int lineNumber) {
        try {
            try (JsonParser p = JSON.createParser(bytes, offset, length)) {
                return record(p);
            } catch (JsonProcessingException e) {
                if (utf8(bytes, offset, length)) {
                    throw e;
                }
                // Not UTF-8: read it as decoding the line into a String reads it (U+FFFD for each bad byte).
                try (JsonParser p = JSON.createParser(new String(bytes, offset, length, StandardCharsets.UTF_8))) {
                    return record(p);
                }
            }
        } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
            warnings.accept("skipped a postqueue record that does not parse (line " + lineNumber + "): "
                    + Sanitizer.inline(e.getMessage() == null ? e.toString() : firstLine(e.getMessage())));
            return null;
        }
    }

    /** The members of one object; the last of a repeated member counts, as in a JSON tree. */
    private QueuedMessage record(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String id = null;
        String queue = null;
        String sender = null;
        Long arrival = null;
        Long size = null;
        List<Recipient> recipients = List.of();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "queue_id" -> id = text(p, value);
                case "queue_name" -> queue = text(p, value);
                case "sender" -> sender = text(p, value);
                case "arrival_time" -> arrival = number(p, value);
                case "message_size" -> size = number(p, value);
                case "recipients" -> recipients = recipients(p, value);
                default -> p.skipChildren();
            }
        }
        return new QueuedMessage(host, Mta.POSTFIX, require(id, "queue_id", "text"),
                QueueName.parse(require(queue, "queue_name", "text")),
                Instant.ofEpochSecond(require(arrival, "arrival_time", "numeric")), require(size, "message_size", "numeric"),
                PostfixSender.fromPostfix(require(sender, "sender", "text")), recipients, false);
    }

    private List<Recipient> recipients(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            if (value == JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("member 'recipients' is not an array");
            }
            return List.of();
        }
        List<Recipient> list = new ArrayList<>(2);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                throw new IllegalArgumentException("missing or non-text member 'address'");
            }
            String address = null;
            String reason = null;
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                if (name.equals("address")) {
                    address = text(p, v);
                } else if (name.equals("delay_reason")) {
                    // As JsonNode.asText() read it: null is no reason, a number its digits, a container "".
                    reason = v == JsonToken.VALUE_NULL ? null : v == JsonToken.VALUE_STRING ? reason(p)
                            : v.isScalarValue() ? p.getText() : skipped(p);
                } else {
                    p.skipChildren();
                }
            }
            list.add(Recipient.of(require(address, "address", "text"), reason));
        }
        return list.size() == 1 ? List.of(list.get(0)) : list;
    }

    /**
     * The reason, as the previous one's String when the text is the same: in a queue most recipients
     * wait for the same few reasons, and the summary's grouping then hashes and compares each once.
     */
    private String reason(JsonParser p) throws IOException {
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        int length = p.getTextLength();
        String last = lastReason;
        if (last != null && last.length() == length) {
            int i = 0;
            while (i < length && last.charAt(i) == chars[offset + i]) {
                i++;
            }
            if (i == length) {
                return last;
            }
        }
        lastReason = new String(chars, offset, length);
        return lastReason;
    }

    private static String skipped(JsonParser p) throws IOException {
        p.skipChildren();
        return "";
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            p.skipChildren();
            return null;
        }
        return p.getText();
    }

    private static Long number(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
            p.skipChildren();
            return null;
        }
        return p.getValueAsLong();
    }

    private static <T> T require(T value, String field, String kind) {
        if (value == null) {
            throw new IllegalArgumentException("missing or non-" + kind + " member '" + field + "'");
        }
        return value;
    }

    private static boolean utf8(byte[] bytes, int offset, int length) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes, offset, length));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
