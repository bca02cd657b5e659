package dev.qctl.output;

import static dev.qctl.model.TestMessages.NOW;
import static dev.qctl.model.TestMessages.message;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.qctl.diagnose.Advice;
import dev.qctl.diagnose.Diagnosis;
import dev.qctl.diagnose.Report;
import dev.qctl.diagnose.RuleTable;
import dev.qctl.mta.QueueLifetime;
import dev.qctl.queue.HostResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosisWriterTest {
    private static final String REFUSED = "connect to mx.a.example[192.0.2.1]:25: Connection refused";
    private static final QueueLifetime LIFETIME = new QueueLifetime(Duration.ofDays(5), Duration.ofDays(5),
            "maximal_queue_lifetime = 5d");

    private static Report report(QueueLifetime lifetime) {
        Diagnosis d = new Diagnosis(RuleTable.builtIn(), Advice.local(), NOW, lifetime);
        d.add(message("A").age(Duration.ofHours(2)).to("x@a.example", REFUSED).to("y@a.example", REFUSED).build());
        d.add(message("B").age(Duration.ofMinutes(5)).to("bob@full.example",
                "host mx.full.example[192.0.2.2] said: 452 4.2.2 Mailbox \u001b[31mfull\u001b[0m (in reply to RCPT TO command)")
                .to("new@b.example").build());
        return d.report(5);
    }

    private static String render(Report r, OutputFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DiagnosisWriter(new PrintStream(out, true, UTF_8), Terminal.PIPE, true).write(r, format);
        return out.toString(UTF_8);
    }

    @Test
    void jsonCarriesEveryFieldOfTheSchema() throws Exception {
        JsonNode root = new ObjectMapper().readTree(render(report(LIFETIME), OutputFormat.JSON));
        assertThat(root.get("messages").asLong()).isEqualTo(2);
        assertThat(root.get("deferred_messages").asLong()).isEqualTo(2);
        assertThat(root.get("deferred_recipients").asLong()).isEqualTo(3);
        assertThat(root.get("untried_recipients").asLong()).isEqualTo(1);
        JsonNode first = root.get("causes").get(0);
        assertThat(first.get("cause").asText()).isEqualTo("destination-unreachable");
        assertThat(first.get("messages").asLong()).isEqualTo(1);
        assertThat(first.get("recipients").asLong()).isEqualTo(2);
        assertThat(first.get("domains").get(0).get("domain").asText()).isEqualTo("a.example");
        assertThat(first.get("domains").get(0).get("recipients").asLong()).isEqualTo(2);
        assertThat(first.get("domains_exact").asBoolean()).isTrue();
        assertThat(first.get("oldest_seconds").asLong()).isEqualTo(7200);
        assertThat(first.get("example").asText()).isEqualTo(REFUSED);
        assertThat(first.get("rules").get("text:connection").asLong()).isEqualTo(2);
        assertThat(first.get("next_step").get("commands").get(0).asText()).isEqualTo("qctl flush --site a.example");
        assertThat(first.get("meaning").asText()).isNotBlank();
        assertThat(root.get("causes").get(1).get("cause").asText()).isEqualTo("mailbox-full");
        // data formats keep the reason as the MTA wrote it (JSON escapes the control characters)
        assertThat(root.get("causes").get(1).get("example").asText()).contains("\u001b[31m");
        assertThat(root.get("signals")).isEmpty();
        JsonNode deadline = root.get("deadline");
        assertThat(deadline.get("setting").asText()).isEqualTo("maximal_queue_lifetime = 5d");
        assertThat(deadline.get("lifetime_seconds").asLong()).isEqualTo(432_000);
        assertThat(deadline.get("oldest_seconds").asLong()).isEqualTo(7200);
        assertThat(deadline.get("near").asLong()).isZero();
    }

    @Test
    void yamlIsTheSameDocument() throws Exception {
        Report r = report(null);
        JsonNode json = new ObjectMapper().readTree(render(r, OutputFormat.JSON));
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(render(r, OutputFormat.YAML));
        assertThat(yaml).isEqualTo(json);
        assertThat(json.get("deadline").isNull()).isTrue();
        assertThat(render(r, OutputFormat.NDJSON).strip().lines()).hasSize(1);
    }

    @Test
    void textNamesTheCausesTheExampleAndTheNextStepSafely() {
        String text = render(report(LIFETIME), OutputFormat.TABLE);
        assertThat(text.lines().findFirst().orElseThrow()).matches("CAUSE +RCPTS +MSGS +OLDEST +DOMAINS");
        assertThat(text).containsPattern("destination-unreachable +2 +1 +2h +a\\.example \\(2\\)");
        assertThat(text).contains("3 deferred recipients in 2 of 2 messages; 1 recipient not tried yet.");
        assertThat(text).contains("Bounce deadline: maximal_queue_lifetime = 5d; oldest message 2h old (4d22h left).");
        assertThat(text).contains("  example:  " + REFUSED);
        assertThat(text).contains("$ qctl flush --site a.example");
        assertThat(text).doesNotContain("\u001b");
        assertThat(text).contains("Mailbox ");
        for (String line : text.split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(120);
        }
    }

    @Test
    void theMtasOwnSettingTextIsShownNotObeyed() {
        // the deadline's setting is postconf's or exim -brt's text: a hostile config must not drive the terminal
        QueueLifetime odd = new QueueLifetime(Duration.ofDays(5), Duration.ofDays(5),
                "maximal_queue_lifetime = 5d\u001b]0;owned\u0007\u009b2J\u202e");
        String text = render(report(odd), OutputFormat.TABLE);
        assertThat(text).contains("Bounce deadline: maximal_queue_lifetime = 5d^[]0;owned^G<U+009B>2J<U+202E>")
                .doesNotContain("\u001b]").doesNotContain("\u009b").doesNotContain("\u202e");
    }

    @Test
    void anEmptyQueueSaysSo() {
        Report empty = new Diagnosis(RuleTable.builtIn(), Advice.local(), NOW, null).report(5);
        assertThat(render(empty, OutputFormat.TABLE)).startsWith("No deferred recipients: nothing is waiting on a failed delivery");
    }

    @Test
    void csvHasOneRowPerCause() {
        String csv = render(report(null), OutputFormat.CSV);
        assertThat(csv.lines().toList()).hasSize(3);
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("cause,messages,recipients,oldest_seconds,top_domain,example");
        assertThat(csv).contains("destination-unreachable,1,2,7200,a.example," + REFUSED);
    }

    @Test
    void severalHostsGiveEachHostAndTheTotal() throws Exception {
        Report one = report(LIFETIME);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DiagnosisWriter(new PrintStream(out, true, UTF_8), Terminal.PIPE, true).writeHosts(
                List.of(HostResult.ok("mx1", one), HostResult.failed("mx2", "connection refused", dev.qctl.ExitCode.UNAVAILABLE)),
                report(null), OutputFormat.JSON);
        JsonNode root = new ObjectMapper().readTree(out.toString(UTF_8));
        assertThat(root.get("hosts").get(0).get("host").asText()).isEqualTo("mx1");
        assertThat(root.get("hosts").get(0).get("diagnosis").get("deferred_recipients").asLong()).isEqualTo(3);
        assertThat(root.get("hosts").get(1).get("error").asText()).isEqualTo("connection refused");
        assertThat(root.get("total").get("messages").asLong()).isEqualTo(2);
    }

    @Test
    void idsAreRefused() {
        assertThatThrownBy(() -> render(report(null), OutputFormat.IDS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("diagnose has no IDs");
    }

    @Test
    void timeLeftKeepsTheHours() {
        assertThat(DiagnosisWriter.daysAndHours(Duration.ofDays(4).plusHours(23).plusMinutes(59))).isEqualTo("4d23h");
        assertThat(DiagnosisWriter.daysAndHours(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(DiagnosisWriter.daysAndHours(Duration.ofMinutes(90))).isEqualTo("1h");
    }

    @Test
    void wrapKeepsLongWordsWhole() {
        assertThat(DiagnosisWriter.wrap("a bb ccc https://very.long.example/path", 8))
                .containsExactly("a bb ccc", "https://very.long.example/path");
    }
}
