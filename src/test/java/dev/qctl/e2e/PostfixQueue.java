package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The real Postfix queue as Postfix itself reports it ({@code postqueue -j}): the oracle for the tests. */
final class PostfixQueue {
    static final ObjectMapper JSON = new ObjectMapper();

    private PostfixQueue() {
    }

    static List<JsonNode> postqueueJ() {
        Proc.Result r = Proc.run("/usr/sbin/postqueue", "-j");
        assertThat(r.exit()).as(r.describe()).isZero();
        List<JsonNode> messages = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isBlank()) {
                messages.add(parse(line));
            }
        }
        return messages;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sender(JsonNode postfixRecord) {
        String s = postfixRecord.get("sender").asText();
        return s.equals("MAILER-DAEMON") ? "" : s;
    }

    static List<String> ids(List<JsonNode> records, java.util.function.Predicate<JsonNode> which) {
        return records.stream().filter(which).map(n -> n.get("queue_id").asText()).sorted().toList();
    }

    static List<String> idsOf(JsonNode qctlArray) {
        List<String> ids = new ArrayList<>();
        qctlArray.forEach(n -> ids.add(n.get("id").asText()));
        return ids.stream().sorted().toList();
    }

    static boolean anyRecipient(JsonNode postfixRecord, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode r : postfixRecord.get("recipients")) {
            if (test.test(r)) {
                return true;
            }
        }
        return false;
    }
}
