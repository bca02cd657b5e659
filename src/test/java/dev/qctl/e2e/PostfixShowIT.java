package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code qctl show} on the real Postfix, checked against {@code postcat}. */
class PostfixShowIT {
    @BeforeAll
    static void sandbox() {
        Sandbox.requirePostfix();
    }

    private static JsonNode bySubject(int sample) {
        // The seed numbers its messages (X-Qctl-Sample: N); find one through Postfix's own tools.
        StringBuilder seen = new StringBuilder();
        for (JsonNode n : PostfixQueue.postqueueJ()) {
            String id = n.get("queue_id").asText();
            Proc.Result headers = Proc.run("/usr/sbin/postcat", "-h", "-q", id);
            if (headers.stdout().contains("\nX-Qctl-Sample: " + sample + "\n")) {
                return n;
            }
            seen.append(headers.describe()).append('\n');
        }
        throw new AssertionError("seeded sample " + sample + " not in the Postfix queue:\n" + seen);
    }

    private static JsonNode largest() {
        return PostfixQueue.postqueueJ().stream()
                .max((a, b) -> Long.compare(a.get("message_size").asLong(), b.get("message_size").asLong()))
                .orElseThrow();
    }

    @Test
    void rawIsByteIdenticalToTheStoredMessage() {
        JsonNode big = largest();
        String id = big.get("queue_id").asText();
        Proc.Result postcat = Proc.run("/usr/sbin/postcat", "-bh", "-q", id);
        Proc.Result raw = Proc.qctl("show", id, "--raw");
        assertThat(raw.exit()).as(raw.describe()).isZero();
        assertThat(raw.stdoutBytes().length).isGreaterThan(5_000_000);
        assertThat(raw.stdoutBytes()).isEqualTo(postcat.stdoutBytes());
    }

    @Test
    void headersAndBodyTogetherAreTheRawMessage() {
        String id = bySubject(1).get("queue_id").asText();
        Proc.Result headers = Proc.qctl("show", id, "--headers");
        Proc.Result body = Proc.qctl("show", id, "--body");
        Proc.Result both = Proc.qctl("show", id, "--headers", "--body");
        Proc.Result raw = Proc.qctl("show", id, "--raw");
        assertThat(headers.stdout()).contains("Subject: qctl sample 1\n").doesNotContain("\n\n");
        assertThat(body.stdout()).doesNotStartWith("\n").doesNotContain("Subject: qctl sample 1");
        assertThat(both.stdout()).isEqualTo(headers.stdout() + "\n" + body.stdout());
        assertThat(raw.stdout()).isEqualTo(both.stdout());
    }

    @Test
    void defaultShowsEnvelopeHeadersAndBody() {
        JsonNode n = bySubject(3);
        String id = n.get("queue_id").asText();
        Proc.Result show = Proc.qctl("show", id);
        assertThat(show.exit()).as(show.describe()).isZero();
        String out = show.stdout();
        assertThat(out).containsPattern("(?m)^ID:\\s+" + id + "$").containsPattern("(?m)^Queue:\\s+deferred$")
                .containsPattern("(?m)^Size:\\s+" + n.get("message_size").asLong() + " bytes$")
                .contains("Subject: qctl sample 3");
        for (JsonNode r : n.get("recipients")) {
            assertThat(out).contains(r.get("address").asText());
            if (r.hasNonNull("delay_reason")) {
                assertThat(out).contains(r.get("delay_reason").asText());
            }
        }
        Proc.Result envelope = Proc.qctl("show", id, "--envelope");
        assertThat(envelope.stdout()).contains("Sender:").doesNotContain("Subject: qctl sample 3");
    }

    @Test
    void showAsJsonIsTheRecord() {
        JsonNode n = bySubject(2);
        String id = n.get("queue_id").asText();
        Proc.Result show = Proc.qctl("show", id, "-o", "json");
        assertThat(show.exit()).as(show.describe()).isZero();
        JsonNode record = PostfixQueue.parse(show.stdout()).get(0);
        assertThat(record.get("id").asText()).isEqualTo(id);
        assertThat(record.get("sender").asText()).isEmpty();
        assertThat(record.get("size").asLong()).isEqualTo(n.get("message_size").asLong());
    }

    @Test
    void utf8SubjectAndSenderArePrintedAsUtf8() {
        JsonNode n = bySubject(4);
        Proc.Result show = Proc.qctl("show", n.get("queue_id").asText(), "--envelope");
        assertThat(show.stdout()).contains("jörg@exämple.org");
        Proc.Result raw = Proc.qctl("show", n.get("queue_id").asText(), "--raw");
        Proc.Result postcat = Proc.run("/usr/sbin/postcat", "-bh", "-q", n.get("queue_id").asText());
        assertThat(new String(raw.stdoutBytes(), StandardCharsets.UTF_8)).isEqualTo(postcat.stdout());
    }

    @Test
    void unknownAndMalformedIds() {
        Proc.Result unknown = Proc.qctl("show", "ABCDEF12345");
        assertThat(unknown.exit()).as(unknown.describe()).isEqualTo(6);
        assertThat(unknown.stderr().strip()).isEqualTo("qctl: no message ABCDEF12345 in the Postfix queue");
        assertThat(unknown.stdout()).isEmpty();

        for (String hostile : List.of("'; touch /tmp/qctl-pwned'", "$(id)", "ABC\nDEF", "abc", "../../etc/passwd")) {
            Proc.Result bad = Proc.qctl("show", hostile, "--raw");
            assertThat(bad.exit()).as(bad.describe()).isEqualTo(7);
            assertThat(bad.stderr()).startsWith("qctl: malformed queue ID").doesNotContain("\tat ");
            assertThat(bad.stderr().strip().lines().count()).isEqualTo(1);
        }
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/qctl-pwned"))).isFalse();

        Proc.Result log = Proc.qctl("show", PostfixQueue.postqueueJ().get(0).get("queue_id").asText(), "--log");
        assertThat(log.exit()).isEqualTo(2);
        assertThat(log.stderr()).contains("Postfix keeps no per-message log");
    }
}
