package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code qctl list} on the real Postfix of the sandbox, checked against {@code postqueue -j}. */
class PostfixListIT {
    private List<JsonNode> postfix;

    @BeforeAll
    static void sandbox() {
        Sandbox.requirePostfix();
    }

    @BeforeEach
    void readQueue() {
        postfix = PostfixQueue.postqueueJ();
        assertThat(postfix).as("the sandbox queue is seeded").hasSizeGreaterThanOrEqualTo(6);
    }

    private JsonNode listJson(String... args) {
        String[] argv = new String[args.length + 3];
        argv[0] = "list";
        argv[1] = "-o";
        argv[2] = "json";
        System.arraycopy(args, 0, argv, 3, args.length);
        Proc.Result r = Proc.qctl(argv);
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(r.stderr()).as(r.describe()).isEmpty();
        JsonNode array = PostfixQueue.parse(r.stdout());
        assertThat(array.isArray()).isTrue();
        return array;
    }

    @Test
    void everyMessageAgreesWithPostqueue() {
        JsonNode listed = listJson();
        Map<String, JsonNode> byId = new HashMap<>();
        listed.forEach(n -> byId.put(n.get("id").asText(), n));
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(PostfixQueue.ids(postfix, n -> true));
        for (JsonNode expected : postfix) {
            JsonNode actual = byId.get(expected.get("queue_id").asText());
            assertThat(actual.get("host").asText()).isEqualTo("local");
            assertThat(actual.get("mta").asText()).isEqualTo("postfix");
            assertThat(actual.get("queue").asText()).isEqualTo(expected.get("queue_name").asText());
            assertThat(Instant.parse(actual.get("arrival").asText()).getEpochSecond())
                    .isEqualTo(expected.get("arrival_time").asLong());
            assertThat(actual.get("size").asLong()).isEqualTo(expected.get("message_size").asLong());
            assertThat(actual.get("sender").asText()).isEqualTo(PostfixQueue.sender(expected));
            assertThat(actual.get("frozen").asBoolean()).isFalse();
            JsonNode rcpts = actual.get("recipients");
            assertThat(rcpts.size()).isEqualTo(expected.get("recipients").size());
            for (int i = 0; i < rcpts.size(); i++) {
                JsonNode want = expected.get("recipients").get(i);
                JsonNode got = rcpts.get(i);
                assertThat(got.get("address").asText()).isEqualTo(want.get("address").asText());
                String reason = want.hasNonNull("delay_reason") ? want.get("delay_reason").asText() : null;
                assertThat(got.get("reason").isNull() ? null : got.get("reason").asText()).isEqualTo(reason);
                assertThat(got.get("status").asText()).isEqualTo(reason == null ? "pending" : "deferred");
            }
        }
    }

    @Test
    void theSeededSpecialCasesAreThere() {
        JsonNode listed = listJson();
        List<String> senders = PostfixQueue.idsOf(listed).stream().map(id -> find(listed, id).get("sender").asText()).toList();
        assertThat(senders).contains("", "jörg@exämple.org");
        assertThat(listed.findValuesAsText("queue")).contains("hold", "deferred");
        assertThat(listed.findValues("size").stream().mapToLong(JsonNode::asLong).max().orElse(0)).isGreaterThan(5_000_000);
    }

    private static JsonNode find(JsonNode array, String id) {
        for (JsonNode n : array) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no " + id);
    }

    private void assertFilter(Predicate<JsonNode> expected, String... filter) {
        List<String> want = PostfixQueue.ids(postfix, expected);
        assertThat(PostfixQueue.idsOf(listJson(filter))).as("qctl list %s", Arrays.toString(filter)).isEqualTo(want);
    }

    @Test
    void filterByQueue() {
        assertFilter(n -> n.get("queue_name").asText().equals("hold"), "--queue", "hold");
        assertFilter(n -> n.get("queue_name").asText().equals("deferred"), "--queue", "deferred");
        assertFilter(n -> !n.get("queue_name").asText().equals("active"), "--queue", "deferred", "--queue", "hold");
        assertThat(PostfixQueue.ids(postfix, n -> n.get("queue_name").asText().equals("hold"))).isNotEmpty();
    }

    @Test
    void filterBySender() {
        assertFilter(n -> PostfixQueue.sender(n).endsWith("@example.org"), "--from", "*@example.org");
        assertFilter(n -> PostfixQueue.sender(n).startsWith("alice@"), "--from", "/^alice@/");
        assertFilter(n -> PostfixQueue.sender(n).isEmpty(), "--from", "<>");
        assertFilter(n -> PostfixQueue.sender(n).isEmpty(), "--bounces");
        assertFilter(n -> PostfixQueue.sender(n).equals("jörg@exämple.org"), "--from", "JÖRG@*");
    }

    @Test
    void filterByRecipientAndReason() {
        assertFilter(n -> PostfixQueue.anyRecipient(n, r -> r.get("address").asText().endsWith("@greylist.test")),
                "--to", "*@greylist.test");
        assertFilter(n -> PostfixQueue.anyRecipient(n, r -> r.get("address").asText().matches("(?i).*@example\\.(com|net)")),
                "--to", "/@example\\.(com|net)$/i");
        assertFilter(n -> PostfixQueue.anyRecipient(n, r -> r.path("delay_reason").asText().contains("Connection refused")),
                "--reason", "Connection refused");
        assertFilter(n -> PostfixQueue.anyRecipient(n, r -> r.path("delay_reason").asText().contains("Greylisted")),
                "--reason", "greylisted");
    }

    @Test
    void filterByAgeAndSize() {
        long now = Instant.now().getEpochSecond();
        assertFilter(n -> true, "--newer-than", "3650d");
        assertFilter(n -> false, "--older-than", "3650d");
        assertFilter(n -> now - n.get("arrival_time").asLong() >= 1, "--older-than", "1s");
        assertFilter(n -> n.get("message_size").asLong() >= 1024 * 1024, "--min-size", "1M");
        assertFilter(n -> n.get("message_size").asLong() <= 600, "--max-size", "600");
        assertFilter(n -> n.get("message_size").asLong() <= 10_240 && PostfixQueue.sender(n).endsWith("@example.org")
                && n.get("queue_name").asText().equals("deferred"),
                "--max-size", "10K", "--from", "*@example.org", "--queue", "deferred");
    }

    @Test
    void sortAndLimit() {
        JsonNode biggest = listJson("--sort", "size", "--limit", "1");
        long max = postfix.stream().mapToLong(n -> n.get("message_size").asLong()).max().orElseThrow();
        assertThat(biggest).hasSize(1);
        assertThat(biggest.get(0).get("size").asLong()).isEqualTo(max);
        JsonNode smallestFirst = listJson("--sort", "size", "--reverse");
        for (int i = 1; i < smallestFirst.size(); i++) {
            assertThat(smallestFirst.get(i).get("size").asLong()).isGreaterThanOrEqualTo(smallestFirst.get(i - 1).get("size").asLong());
        }
        JsonNode bySender = listJson("--sort", "sender");
        for (int i = 1; i < bySender.size(); i++) {
            assertThat(bySender.get(i).get("sender").asText().compareToIgnoreCase(bySender.get(i - 1).get("sender").asText()))
                    .isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void theConfigsDefaultOutputApplies(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path config = java.nio.file.Files.writeString(dir.resolve("config.yaml"), "defaults:\n  output: ids\n");
        Map<String, String> env = Map.of("QCTL_CONFIG", config.toString());
        Proc.Result ids = Proc.qctlWith(env, null, "list");
        assertThat(ids.exit()).as(ids.describe()).isZero();
        assertThat(Arrays.stream(ids.stdout().split("\n")).sorted().toList())
                .isEqualTo(PostfixQueue.ids(postfix, n -> true));
        // -o still wins, and a command that cannot print IDs falls back to its table
        assertThat(Proc.qctlWith(env, null, "list", "-o", "table").stdout()).startsWith("ID ");
        Proc.Result summary = Proc.qctlWith(env, null, "summary");
        assertThat(summary.exit()).as(summary.describe()).isZero();
        assertThat(summary.stdout()).startsWith("QUEUE ");
        Proc.Result headers = Proc.qctlWith(env, null, "show", PostfixQueue.ids(postfix, n -> true).get(0), "--headers");
        assertThat(headers.exit()).as(headers.describe()).isZero();
        assertThat(headers.stdout()).contains("From:");
    }

    @Test
    void everyOutputFormatCarriesTheSameMessages() throws Exception {
        List<String> all = PostfixQueue.ids(postfix, n -> true);

        Proc.Result ndjson = Proc.qctl("list", "-o", "ndjson");
        assertThat(ndjson.exit()).as(ndjson.describe()).isZero();
        List<String> lines = Arrays.stream(ndjson.stdout().split("\n")).toList();
        assertThat(lines.stream().map(l -> PostfixQueue.parse(l).get("id").asText()).sorted().toList()).isEqualTo(all);

        Proc.Result yaml = Proc.qctl("list", "-o", "yaml");
        JsonNode fromYaml = new YAMLMapper().readTree(yaml.stdout());
        assertThat(PostfixQueue.idsOf(fromYaml)).isEqualTo(all);

        Proc.Result ids = Proc.qctl("list", "-o", "ids");
        assertThat(Arrays.stream(ids.stdout().split("\n")).sorted().toList()).isEqualTo(all);

        Proc.Result csv = Proc.qctl("list", "-o", "csv");
        String[] rows = csv.stdout().split("\r\n");
        assertThat(rows[0]).isEqualTo("host,mta,id,queue,arrival,age_seconds,size,sender,frozen,recipients,reason");
        assertThat(Arrays.stream(rows).skip(1).map(r -> r.split(",")[2]).sorted().toList()).isEqualTo(all);
        Proc.Result csvBare = Proc.qctl("list", "-o", "csv", "--no-headers");
        assertThat(csvBare.stdout().split("\r\n")).hasSize(all.size());

        Proc.Result table = Proc.qctl("list");
        assertThat(table.exit()).isZero();
        assertThat(table.stdout()).startsWith("ID ").contains("<>").doesNotContain("\u001b[");
        assertThat(table.stdout().split("\n")).hasSize(all.size() + 1);
        Proc.Result coloured = Proc.qctl("list", "--color", "always");
        assertThat(coloured.stdout()).contains("\u001b[");
        Proc.Result wide = Proc.qctl("list", "-o", "wide", "--no-headers");
        assertThat(wide.stdout().split("\n")).hasSize(all.size());
    }
}
