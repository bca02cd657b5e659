package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code qctl list/show/summary} through the built launcher on the real Exim of the sandbox. */
class EximReadIT {
    @BeforeAll
    static void sandbox() {
        Sandbox.requireExim();
    }

    private static JsonNode list(String... filter) {
        Proc.Result r = Proc.qctl(EximQueue.target(concat(new String[] {"list", "-o", "json"}, filter)));
        assertThat(r.exit()).as(r.describe()).isZero();
        return PostfixQueue.parse(r.stdout());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void listAgreesWithEximBp() {
        Map<String, EximQueue.BpMessage> bp = EximQueue.bp();
        JsonNode listed = list();
        assertThat(listed.size()).isEqualTo(bp.size());
        assertThat(bp).hasSizeGreaterThanOrEqualTo(6);
        for (JsonNode n : listed) {
            EximQueue.BpMessage expected = bp.get(n.get("id").asText());
            assertThat(expected).as("exim -bp has " + n.get("id")).isNotNull();
            assertThat(n.get("mta").asText()).isEqualTo("exim");
            assertThat(n.get("sender").asText()).isEqualTo(expected.sender());
            assertThat(n.get("frozen").asBoolean()).isEqualTo(expected.frozen());
            assertThat(n.get("queue").asText()).isEqualTo(expected.frozen() ? "hold" : n.get("queue").asText());
            assertThat(n.get("queue").asText()).isIn("hold", "deferred", "incoming");
            Map<String, Boolean> delivered = new HashMap<>();
            n.get("recipients").forEach(r -> delivered.put(r.get("address").asText(),
                    r.get("status").asText().equals("delivered")));
            assertThat(delivered).isEqualTo(expected.recipientsDelivered());
        }
        // The seeded samples: a partly delivered message, a frozen one, a bounce, exact sizes.
        assertThat(listed.findValuesAsText("status")).contains("delivered", "deferred");
        assertThat(listed.findValuesAsText("queue")).contains("hold");
        assertThat(listed.findValuesAsText("sender")).contains("", "jörg@exämple.org");
        assertThat(listed.findValues("size").stream().mapToLong(JsonNode::asLong).max().orElse(0))
                .isBetween(5_000_000L, 6_000_000L);
    }

    @Test
    void filtersWorkAsOnPostfix() {
        Map<String, EximQueue.BpMessage> bp = EximQueue.bp();
        assertThat(list("--queue", "hold").findValuesAsText("id"))
                .containsExactlyInAnyOrderElementsOf(bp.values().stream().filter(EximQueue.BpMessage::frozen)
                        .map(EximQueue.BpMessage::id).toList());
        assertThat(list("--bounces").findValuesAsText("id"))
                .containsExactlyInAnyOrderElementsOf(bp.values().stream().filter(m -> m.sender().isEmpty())
                        .map(EximQueue.BpMessage::id).toList());
        assertThat(list("--from", "*@example.org").findValuesAsText("id"))
                .containsExactlyInAnyOrderElementsOf(bp.values().stream().filter(m -> m.sender().endsWith("@example.org"))
                        .map(EximQueue.BpMessage::id).toList());
        assertThat(list("--to", "*@greylist.test").findValuesAsText("id"))
                .containsExactlyInAnyOrderElementsOf(bp.values().stream()
                        .filter(m -> m.recipientsDelivered().keySet().stream().anyMatch(a -> a.endsWith("@greylist.test")))
                        .map(EximQueue.BpMessage::id).toList());
        assertThat(list("--reason", "Connection refused")).isNotEmpty();
        assertThat(list("--min-size", "1M")).hasSize(1);
        assertThat(list("--older-than", "3650d")).isEmpty();
        assertThat(list("--newer-than", "3650d")).hasSize(bp.size());
    }

    @Test
    void showPartsAndLog() {
        String frozen = EximQueue.bp().values().stream().filter(EximQueue.BpMessage::frozen).findFirst().orElseThrow().id();
        Proc.Result log = Proc.qctl(EximQueue.target("show", frozen, "--log"));
        assertThat(log.exit()).as(log.describe()).isZero();
        assertThat(log.stdout()).isEqualTo(EximQueue.exim("-Mvl", frozen).stdout());

        Proc.Result headers = Proc.qctl(EximQueue.target("show", frozen, "--headers"));
        Proc.Result body = Proc.qctl(EximQueue.target("show", frozen, "--body"));
        Proc.Result raw = Proc.qctl(EximQueue.target("show", frozen, "--raw"));
        assertThat(headers.stdout()).contains("Subject: qctl sample 6").doesNotContain("\n\n");
        assertThat(body.stdout()).isEqualTo(EximQueue.exim("-Mvb", frozen).stdout().lines().skip(1)
                .map(l -> l + "\n").reduce("", String::concat));
        assertThat(raw.stdout()).isEqualTo(headers.stdout() + "\n" + body.stdout());

        Proc.Result envelope = Proc.qctl(EximQueue.target("show", frozen));
        assertThat(envelope.stdout()).contains("Queue:      hold (frozen)").contains("mallory@example.org");
    }

    @Test
    void rawOfTheLargeMessageStreamsExactly() {
        JsonNode big = list("--min-size", "1M").get(0);
        String id = big.get("id").asText();
        Proc.Result raw = Proc.qctl(EximQueue.target("show", id, "--raw"));
        assertThat(raw.exit()).as(raw.describe()).isZero();
        byte[] body = EximQueue.exim("-Mvb", id).stdoutBytes();
        String bodyText = new String(body, StandardCharsets.UTF_8);
        String withoutFirstLine = bodyText.substring(bodyText.indexOf('\n') + 1);
        assertThat(new String(raw.stdoutBytes(), StandardCharsets.UTF_8)).endsWith("\n\n" + withoutFirstLine);
        assertThat(raw.stdoutBytes().length).isGreaterThan(5_000_000);
    }

    @Test
    void summaryCountsMatch() {
        Map<String, EximQueue.BpMessage> bp = EximQueue.bp();
        Proc.Result r = Proc.qctl(EximQueue.target("summary", "-o", "json"));
        assertThat(r.exit()).as(r.describe()).isZero();
        JsonNode s = PostfixQueue.parse(r.stdout());
        assertThat(s.get("messages").asLong()).isEqualTo(bp.size());
        long frozen = bp.values().stream().filter(EximQueue.BpMessage::frozen).count();
        assertThat(s.get("frozen").asLong()).isEqualTo(frozen);
        assertThat(s.get("queues").get("hold").get("messages").asLong()).isEqualTo(frozen);
        long undelivered = bp.values().stream().flatMap(m -> m.recipientsDelivered().values().stream())
                .filter(d -> !d).count();
        assertThat(s.get("shape").get("rows").get(0).get("total").asLong()).isEqualTo(undelivered);
    }

    @Test
    void malformedAndUnknownIds() {
        for (String bad : List.of("1xX5tC-00032G", "1xX5tC-00032G-0y;id", "$(id)", "ABCDEF12345")) {
            Proc.Result r = Proc.qctl(EximQueue.target("show", bad));
            assertThat(r.exit()).as(r.describe()).isEqualTo(7);
        }
        Proc.Result unknown = Proc.qctl(EximQueue.target("show", "1xX5tC-00032G-9Z", "--raw"));
        assertThat(unknown.exit()).as(unknown.describe()).isEqualTo(6);
        Proc.Result longId = Proc.qctl(EximQueue.target("show", "1xX5tC-0000000032G-9Zab", "--raw"));
        assertThat(longId.exit()).as("a 4.97 23-character ID is valid, just not there: " + longId.describe()).isEqualTo(6);
    }
}
