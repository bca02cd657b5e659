package dev.qctl.output;

import static dev.qctl.model.TestMessages.NOW;
import static dev.qctl.model.TestMessages.message;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.qctl.model.QueueName;
import dev.qctl.queue.AgeBuckets;
import dev.qctl.queue.QueueSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SummaryWriterTest {
    private static final String REFUSED = "connect to 127.0.0.1[127.0.0.1]:2525: Connection refused";

    private static QueueSummary.Result result(QueueSummary.ShapeBy by) {
        QueueSummary s = new QueueSummary(by, NOW);
        s.add(message("A").size(599).age(Duration.ofMinutes(3)).to("bob@example.com", REFUSED).build());
        s.add(message("B").size(655).age(Duration.ofMinutes(7)).bounce().to("carol@example.net", REFUSED).build());
        s.add(message("C").size(761).age(Duration.ofDays(2)).sender("dave@example.org")
                .to("frank@greylist.test", "Greylisted, please try again later")
                .to("grace@full.test", "Mailbox \u001b[31mfull")
                .to("erin@example.com", "delivery temporarily suspended: " + REFUSED).build());
        s.add(message("D").queue(QueueName.HOLD).frozen().size(1_048_576).age(Duration.ofHours(2))
                .to("bob@example.com").build());
        return s.result(10);
    }

    private static String render(QueueSummary.Result r, OutputFormat format, Terminal terminal, boolean headers) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, UTF_8);
        new SummaryWriter(out, terminal, headers).write(r, format);
        return bytes.toString(UTF_8);
    }

    private static String render(OutputFormat format) {
        return render(result(QueueSummary.ShapeBy.RECIPIENT_DOMAIN), format, Terminal.PIPE, true);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Nested
    class Json {
        private final JsonNode root = parse();

        private JsonNode parse() {
            try {
                return new ObjectMapper().readTree(render(OutputFormat.JSON));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        @Test
        void totals() {
            assertThat(fieldNames(root)).containsExactly("messages", "bytes", "frozen", "queues", "shape", "reasons");
            assertThat(root.get("messages").asLong()).isEqualTo(4);
            assertThat(root.get("bytes").asLong()).isEqualTo(599 + 655 + 761 + 1_048_576);
            assertThat(root.get("frozen").asLong()).isEqualTo(1);
        }

        @Test
        void everyQueueWithMessagesAndBytes() {
            JsonNode queues = root.get("queues");
            assertThat(fieldNames(queues)).containsExactly("active", "deferred", "hold", "incoming", "maildrop");
            assertThat(queues.get("deferred").get("messages").asLong()).isEqualTo(3);
            assertThat(queues.get("deferred").get("bytes").asLong()).isEqualTo(599 + 655 + 761);
            assertThat(queues.get("hold").get("messages").asLong()).isEqualTo(1);
            assertThat(queues.get("maildrop").get("messages").asLong()).isZero();
        }

        @Test
        void shapeRowsWithOneCountPerBucket() {
            JsonNode shape = root.get("shape");
            assertThat(shape.get("by").asText()).isEqualTo("recipient-domain");
            List<String> buckets = new ArrayList<>();
            shape.get("buckets").forEach(b -> buckets.add(b.asText()));
            assertThat(buckets).isEqualTo(AgeBuckets.LABELS);
            JsonNode total = shape.get("rows").get(0);
            assertThat(total.get("domain").asText()).isEqualTo("TOTAL");
            assertThat(total.get("total").asLong()).isEqualTo(6);
            assertThat(total.get("counts")).hasSize(10);
            assertThat(total.get("counts").get(0).asLong()).isEqualTo(1);
            assertThat(total.get("counts").get(1).asLong()).isEqualTo(1);
            assertThat(total.get("counts").get(9).asLong()).isEqualTo(3);
            JsonNode first = shape.get("rows").get(1);
            assertThat(first.get("domain").asText()).isEqualTo("example.com");
            assertThat(first.get("total").asLong()).isEqualTo(3);
        }

        @Test
        void reasonsGroupedWithCountsAndAnExample() {
            JsonNode reasons = root.get("reasons");
            assertThat(reasons).hasSize(3);
            JsonNode top = reasons.get(0);
            assertThat(fieldNames(top)).containsExactly("reason", "recipients", "messages", "example");
            assertThat(top.get("reason").asText()).isEqualTo("connect to <host>: Connection refused");
            assertThat(top.get("recipients").asLong()).isEqualTo(3);
            assertThat(top.get("messages").asLong()).isEqualTo(3);
            assertThat(top.get("example").asText()).isEqualTo(REFUSED);
        }

        @Test
        void bySenderDomain() throws Exception {
            JsonNode r = new ObjectMapper().readTree(
                    render(result(QueueSummary.ShapeBy.SENDER_DOMAIN), OutputFormat.JSON, Terminal.PIPE, true));
            assertThat(r.get("shape").get("by").asText()).isEqualTo("sender-domain");
            List<String> domains = new ArrayList<>();
            r.get("shape").get("rows").forEach(row -> domains.add(row.get("domain").asText()));
            assertThat(domains).containsExactly("TOTAL", "example.org", "MAILER-DAEMON");
        }
    }

    @Test
    void yamlCarriesTheSameDataAsJson() throws Exception {
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(render(OutputFormat.YAML));
        JsonNode json = new ObjectMapper().readTree(render(OutputFormat.JSON));
        assertThat(yaml).isEqualTo(json);
        assertThat(render(OutputFormat.YAML)).doesNotStartWith("---");
    }

    @Test
    void ndjsonIsOneLineWithTheSameData() throws Exception {
        String text = render(OutputFormat.NDJSON);
        assertThat(text).endsWith("\n");
        assertThat(text.strip()).doesNotContain("\n");
        assertThat(new ObjectMapper().readTree(text)).isEqualTo(new ObjectMapper().readTree(render(OutputFormat.JSON)));
    }

    @Test
    void csvIsTheShapeTable() {
        String text = render(OutputFormat.CSV);
        List<String> lines = Arrays.asList(text.split("\r\n", -1));
        assertThat(lines.get(0)).isEqualTo("domain,total," + String.join(",", AgeBuckets.LABELS));
        assertThat(lines.get(1)).isEqualTo("TOTAL,6,1,1,0,0,0,1,0,0,0,3");
        assertThat(lines.get(2)).isEqualTo("example.com,3,1,0,0,0,0,1,0,0,0,1");
        assertThat(lines.get(lines.size() - 1)).as("ends with CRLF").isEmpty();
        assertThat(render(result(QueueSummary.ShapeBy.RECIPIENT_DOMAIN), OutputFormat.CSV, Terminal.PIPE, false))
                .startsWith("TOTAL,6,");
    }

    @Test
    void idsAreRefused() {
        assertThatThrownBy(() -> render(OutputFormat.IDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("summary has no IDs");
    }

    @Nested
    class Table {
        private final String text = render(result(QueueSummary.ShapeBy.RECIPIENT_DOMAIN), OutputFormat.TABLE,
                Terminal.PIPE, true);
        private final List<String> lines = Arrays.asList(text.split("\n"));

        @Test
        void queuesWithTotalsAndFrozenCount() {
            assertThat(lines.get(0).split("\\s+")).containsExactly("QUEUE", "MESSAGES", "SIZE");
            assertThat(lines.get(1).split("\\s+")).containsExactly("active", "0", "0");
            assertThat(lines.get(2).split("\\s+")).containsExactly("deferred", "3", "2.0K");
            assertThat(lines.get(3)).startsWith("hold (1 frozen)").endsWith("1.0M");
            assertThat(lines.get(6).split("\\s+")).containsExactly("TOTAL", "4", "1.0M");
        }

        @Test
        void theShapeTableHasEveryBucket() {
            String header = lines.stream().filter(l -> l.startsWith("RECIPIENT-DOMAIN")).findFirst().orElseThrow();
            List<String> expected = new ArrayList<>(List.of("RECIPIENT-DOMAIN", "T"));
            expected.addAll(AgeBuckets.LABELS);
            assertThat(header.split("\\s+")).containsExactlyElementsOf(expected);
            assertThat(text).containsPattern("(?m)^TOTAL\\s+6\\s+1\\s+1\\s+0\\s+0\\s+0\\s+1\\s+0\\s+0\\s+0\\s+3$");
        }

        @Test
        void theReasonTableShowsGroupsSanitized() {
            assertThat(text).containsPattern("(?m)^RECIPIENTS\\s+MESSAGES\\s+REASON$");
            assertThat(text).containsPattern("(?m)^\\s*3\\s+3\\s+connect to <host>: Connection refused$");
            assertThat(text).contains("Mailbox ^[[31mfull").doesNotContain("\u001b");
        }

        @Test
        void noHeaders() {
            String bare = render(result(QueueSummary.ShapeBy.RECIPIENT_DOMAIN), OutputFormat.TABLE, Terminal.PIPE, false);
            assertThat(bare).doesNotContain("QUEUE").doesNotContain("RECIPIENT-DOMAIN").startsWith("active");
        }

        @Test
        void boldTotalsOnlyWithColour() {
            String coloured = render(result(QueueSummary.ShapeBy.RECIPIENT_DOMAIN), OutputFormat.TABLE,
                    new Terminal(true, true, 0), true);
            assertThat(coloured).contains(Ansi.BOLD + "TOTAL" + Ansi.RESET).doesNotContain("\u001b[31m");
        }
    }
}
