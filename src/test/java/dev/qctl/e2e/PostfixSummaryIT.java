package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code qctl summary} on the real Postfix: counts checked against {@code postqueue -j}. */
class PostfixSummaryIT {
    @BeforeAll
    static void sandbox() {
        Sandbox.requirePostfix();
    }

    @Test
    void countsMatchPostqueue() {
        List<JsonNode> postfix = PostfixQueue.postqueueJ();
        Proc.Result r = Proc.qctl("summary", "-o", "json");
        assertThat(r.exit()).as(r.describe()).isZero();
        JsonNode s = PostfixQueue.parse(r.stdout());

        assertThat(s.get("messages").asLong()).isEqualTo(postfix.size());
        assertThat(s.get("bytes").asLong()).isEqualTo(postfix.stream().mapToLong(n -> n.get("message_size").asLong()).sum());
        Map<String, Long> perQueue = new HashMap<>();
        postfix.forEach(n -> perQueue.merge(n.get("queue_name").asText(), 1L, Long::sum));
        for (String q : List.of("active", "deferred", "hold", "incoming", "maildrop")) {
            assertThat(s.get("queues").get(q).get("messages").asLong()).as(q).isEqualTo(perQueue.getOrDefault(q, 0L));
        }

        Map<String, Long> perDomain = new HashMap<>();
        long refused = 0;
        for (JsonNode n : postfix) {
            for (JsonNode rcpt : n.get("recipients")) {
                String address = rcpt.get("address").asText();
                perDomain.merge(address.substring(address.lastIndexOf('@') + 1), 1L, Long::sum);
                if (rcpt.path("delay_reason").asText().contains("Connection refused")) {
                    refused++;
                }
            }
        }
        JsonNode rows = s.get("shape").get("rows");
        assertThat(rows.get(0).get("domain").asText()).isEqualTo("TOTAL");
        assertThat(rows.get(0).get("total").asLong()).isEqualTo(perDomain.values().stream().mapToLong(Long::longValue).sum());
        for (int i = 1; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            assertThat(row.get("total").asLong()).as(row.get("domain").asText())
                    .isEqualTo(perDomain.get(row.get("domain").asText()));
        }
        // "connect to …: Connection refused" and "delivery temporarily suspended: connect to …" are one group.
        JsonNode refusedGroup = null;
        for (JsonNode g : s.get("reasons")) {
            if (g.get("reason").asText().contains("Connection refused")) {
                assertThat(refusedGroup).as("one group for connection refused").isNull();
                refusedGroup = g;
            }
        }
        assertThat(refusedGroup).isNotNull();
        assertThat(refusedGroup.get("recipients").asLong()).isEqualTo(refused);
    }

    @Test
    void filtersAndSenderShape() {
        Proc.Result held = Proc.qctl("summary", "-o", "json", "--queue", "hold");
        JsonNode s = PostfixQueue.parse(held.stdout());
        long holdCount = PostfixQueue.postqueueJ().stream().filter(n -> n.get("queue_name").asText().equals("hold")).count();
        assertThat(s.get("messages").asLong()).isEqualTo(holdCount);
        assertThat(s.get("queues").get("deferred").get("messages").asLong()).isZero();

        Proc.Result bySender = Proc.qctl("summary", "-o", "json", "--by", "sender-domain");
        JsonNode shape = PostfixQueue.parse(bySender.stdout()).get("shape");
        assertThat(shape.get("by").asText()).isEqualTo("sender-domain");
        assertThat(shape.get("rows").findValuesAsText("domain")).contains("example.org", "MAILER-DAEMON");

        Proc.Result table = Proc.qctl("summary");
        assertThat(table.exit()).isZero();
        assertThat(table.stdout()).contains("QUEUE").contains("RECIPIENT-DOMAIN").contains("0-5m").contains("1280m+");

        Proc.Result ids = Proc.qctl("summary", "-o", "ids");
        assertThat(ids.exit()).isEqualTo(2);
    }
}
