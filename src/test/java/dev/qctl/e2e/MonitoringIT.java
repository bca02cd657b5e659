package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code qctl check} and {@code qctl metrics} on the real Postfix and Exim: states, perfdata and
 * exit codes of the plugin; the metrics validated by Prometheus's own promtool and scraped over HTTP.
 */
class MonitoringIT {
    private static final Path PROMTOOL = Path.of("/opt/qctl-test-tools/usr/bin/promtool");

    @BeforeAll
    static void sandbox() {
        Sandbox.requirePostfix();
        Sandbox.requireExim();
    }

    private static long postfixCount(String queue) {
        return PostfixQueue.postqueueJ().stream().filter(n -> queue == null || n.get("queue_name").asText().equals(queue)).count();
    }

    private static long perf(String output, String label) {
        Matcher m = Pattern.compile("(?:^|\\s)" + Pattern.quote(label) + "=(\\d+)").matcher(output.lines().findFirst().orElse(""));
        assertThat(m.find()).as("perfdata %s in %s", label, output).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void postfixThresholdsGiveTheRightStates() {
        long total = postfixCount(null);
        Proc.Result ok = Proc.qctl("check");
        assertThat(ok.exit()).as(ok.describe()).isZero();
        assertThat(ok.stdout()).startsWith("QUEUE OK - local: " + total + " messages");
        assertThat(perf(ok.stdout(), "total")).isEqualTo(total);
        assertThat(perf(ok.stdout(), "deferred")).isEqualTo(postfixCount("deferred"));
        assertThat(perf(ok.stdout(), "hold")).isEqualTo(postfixCount("hold"));

        Proc.Result warning = Proc.qctl("check", "-w", Long.toString(total - 1), "-c", Long.toString(total + 10));
        assertThat(warning.exit()).as(warning.describe()).isEqualTo(1);
        assertThat(warning.stdout()).startsWith("QUEUE WARNING - ").contains("total=" + total + ";" + (total - 1) + ";" + (total + 10) + ";0");

        Proc.Result critical = Proc.qctl("check", "-w", "1", "-c", "total=2");
        assertThat(critical.exit()).isEqualTo(2);
        assertThat(critical.stdout()).startsWith("QUEUE CRITICAL - ");

        Proc.Result held = Proc.qctl("check", "-c", "hold=0");
        assertThat(held.exit()).isEqualTo(postfixCount("hold") > 0 ? 2 : 0);

        Proc.Result inside = Proc.qctl("check", "-w", "@0:" + total);
        assertThat(inside.exit()).as("@range alerts inside").isEqualTo(1);

        Proc.Result age = Proc.qctl("check", "-w", "oldest-age=1s", "-c", "oldest-age=3650d");
        assertThat(age.exit()).as(age.describe()).isEqualTo(1);
        assertThat(age.stdout()).containsPattern("oldest_age=\\d+s;1;315360000;0");

        Proc.Result domain = Proc.qctl("check", "-c", "domain:example.com=0");
        assertThat(domain.exit()).isEqualTo(2);
        assertThat(domain.stdout()).containsPattern("domain_example.com=\\d+;;0;0");
    }

    @Test
    void unknownWhenTheMtaIsMissingOrTheArgumentsAreBad() {
        Proc.Result missing = Proc.qctl("check", "--mta", "exim", "--exim-bin", "/nonexistent/exim");
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.stdout()).startsWith("QUEUE UNKNOWN - local: ");
        for (String[] args : List.of(new String[] {"check", "-w", "lots"}, new String[] {"check", "-c", "bogus=1"},
                new String[] {"check", "--no-such-option"}, new String[] {"check", "-w", "20:10"})) {
            Proc.Result r = Proc.qctl(args);
            assertThat(r.exit()).as(r.describe()).isEqualTo(3);
            assertThat(r.stdout()).startsWith("QUEUE UNKNOWN - ");
        }
    }

    @Test
    void eximFrozenCount() {
        long frozen = EximQueue.bp().values().stream().filter(EximQueue.BpMessage::frozen).count();
        Proc.Result r = Proc.qctl(EximQueue.target("check", "-c", "frozen=0"));
        assertThat(r.exit()).as(r.describe()).isEqualTo(frozen > 0 ? 2 : 0);
        assertThat(perf(r.stdout(), "frozen")).isEqualTo(frozen);
        assertThat(perf(r.stdout(), "total")).isEqualTo(EximQueue.bp().size());
    }

    private static void promtoolAccepts(String metrics) {
        Proc.Result check = Proc.run(List.of(PROMTOOL.toString(), "check", "metrics"), Map.of(),
                metrics.getBytes(StandardCharsets.UTF_8));
        assertThat(check.exit()).as(check.describe()).isZero();
        assertThat(check.stdout() + check.stderr()).as("promtool has no complaints").isBlank();
    }

    private static long sample(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Long.parseLong(line.substring(series.length() + 1).strip());
            }
        }
        throw new AssertionError("no sample " + series + " in\n" + metrics);
    }

    @Test
    void metricsAreValidAndRight() {
        Proc.Result postfix = Proc.qctl("metrics");
        assertThat(postfix.exit()).as(postfix.describe()).isZero();
        promtoolAccepts(postfix.stdout());
        for (String q : List.of("active", "deferred", "hold", "incoming", "maildrop")) {
            assertThat(sample(postfix.stdout(), "qctl_queue_messages{host=\"local\",mta=\"postfix\",queue=\"" + q + "\"}"))
                    .as(q).isEqualTo(postfixCount(q));
        }
        assertThat(sample(postfix.stdout(), "qctl_scrape_success{host=\"local\"}")).isEqualTo(1);

        Proc.Result exim = Proc.qctl(EximQueue.target("metrics"));
        promtoolAccepts(exim.stdout());
        long frozen = EximQueue.bp().values().stream().filter(EximQueue.BpMessage::frozen).count();
        assertThat(sample(exim.stdout(), "qctl_queue_frozen_messages{host=\"local\",mta=\"exim\"}")).isEqualTo(frozen);

        Proc.Result failed = Proc.qctl("metrics", "--mta", "exim", "--exim-bin", "/nonexistent/exim");
        assertThat(failed.exit()).isZero();
        promtoolAccepts(failed.stdout());
        assertThat(sample(failed.stdout(), "qctl_scrape_success{host=\"local\"}")).isZero();
    }

    @Test
    void causesOfDiagnoseAreMetricsAndCheckable() throws IOException {
        try (DiagnoseHarness h = DiagnoseHarness.start()) {
            String tag = h.newTag();
            List<String> rcpts = DiagnoseHarness.recipients(tag, List.of(DiagnoseHarness.BLOCKED4,
                    DiagnoseHarness.QUOTA, DiagnoseHarness.THROTTLED, DiagnoseHarness.BUSY));
            h.postfixReasons(h.postfixInject(tag, rcpts), rcpts);

            Proc.Result critical = Proc.qctl("check", "--from", DiagnoseHarness.sender(tag), "-c", "cause:blocklisted=0",
                    "-w", "cause:rate-limited=1");
            assertThat(critical.exit()).as(critical.describe()).isEqualTo(2);
            assertThat(critical.stdout()).startsWith("QUEUE CRITICAL - ")
                    .contains("critical: cause:blocklisted=1", "warning: cause:rate-limited=2");
            assertThat(perf(critical.stdout(), "cause_blocklisted")).isEqualTo(1);
            assertThat(perf(critical.stdout(), "cause_rate-limited")).isEqualTo(2);
            Proc.Result ok = Proc.qctl("check", "--from", DiagnoseHarness.sender(tag), "-c", "cause:tls=0");
            assertThat(ok.exit()).as(ok.describe()).isZero();
            assertThat(perf(ok.stdout(), "cause_tls")).isZero();

            // metrics count the whole queue: the same numbers as diagnose, every built-in cause present
            Proc.Result metrics = Proc.qctl("metrics");
            promtoolAccepts(metrics.stdout());
            com.fasterxml.jackson.databind.JsonNode diagnosis = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(Proc.qctl("diagnose", "-o", "json").stdout());
            Map<String, Long> diagnosed = new java.util.HashMap<>();
            diagnosis.get("causes").forEach(c -> diagnosed.put(c.get("cause").asText(), c.get("recipients").asLong()));
            for (dev.qctl.diagnose.Cause cause : dev.qctl.diagnose.Cause.BUILT_IN) {
                assertThat(sample(metrics.stdout(), "qctl_queue_deferred_recipients{host=\"local\",mta=\"postfix\",cause=\""
                        + cause.name() + "\"}")).as(cause.name()).isEqualTo(diagnosed.getOrDefault(cause.name(), 0L));
            }
            assertThat(diagnosed.get("blocklisted")).isEqualTo(1);
        }
    }

    @Test
    void anEmptyQueueExportsZeros() throws IOException {
        Path spool = Files.createTempDirectory("qctl-empty-exim");
        Files.createDirectories(spool.resolve("input"));
        Files.createDirectories(spool.resolve("msglog"));
        Proc.run("chown", "-R", "Debian-exim:Debian-exim", spool.toString());
        Path config = spool.resolve("exim.conf");
        String conf = Files.readString(Path.of(EximQueue.config()))
                .replaceAll("(?m)^spool_directory\\s*=.*$", "spool_directory = " + spool);
        Files.writeString(config, conf);
        Proc.Result r = Proc.qctl("metrics", "--exim-bin", EximQueue.bin(), "--exim-config", config.toString());
        assertThat(r.exit()).as(r.describe()).isZero();
        promtoolAccepts(r.stdout());
        for (String q : List.of("active", "deferred", "hold", "incoming", "maildrop")) {
            assertThat(sample(r.stdout(), "qctl_queue_messages{host=\"local\",mta=\"exim\",queue=\"" + q + "\"}")).isZero();
            assertThat(sample(r.stdout(), "qctl_queue_oldest_message_age_seconds{host=\"local\",mta=\"exim\",queue=\"" + q + "\"}")).isZero();
        }
        assertThat(sample(r.stdout(), "qctl_queue_frozen_messages{host=\"local\",mta=\"exim\"}")).isZero();
        assertThat(sample(r.stdout(), "qctl_scrape_success{host=\"local\"}")).isEqualTo(1);
        Proc.Result check = Proc.qctl("check", "--exim-bin", EximQueue.bin(), "--exim-config", config.toString(), "-c", "0");
        assertThat(check.exit()).as(check.describe()).isZero();
        assertThat(check.stdout()).startsWith("QUEUE OK - local: 0 messages");
    }

    @Test
    void textfileIsWrittenWhole() throws IOException {
        Path dir = Files.createTempDirectory("qctl-textfile");
        Path file = dir.resolve("qctl.prom");
        Proc.Result r = Proc.qctl("metrics", "--textfile", file.toString());
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(r.stdout()).isEmpty();
        promtoolAccepts(Files.readString(file));
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void servesMetricsOverHttp() throws Exception {
        List<String> argv = new ArrayList<>(List.of(Proc.qctlLauncher().toString(), "metrics", "--listen", "127.0.0.1:0"));
        Process server = new ProcessBuilder(argv).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
            String line = err.readLine();
            assertThat(line).as("the server says where it listens").startsWith("qctl: serving metrics on http://127.0.0.1:");
            URI uri = URI.create(line.substring(line.indexOf("http://")));
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
            promtoolAccepts(response.body());
            assertThat(sample(response.body(), "qctl_queue_messages{host=\"local\",mta=\"postfix\",queue=\"deferred\"}"))
                    .isEqualTo(postfixCount("deferred"));
            HttpResponse<String> other = client.send(HttpRequest.newBuilder(uri.resolve("/nothing")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(404);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void watchPrintsABlockPerRound() {
        Proc.Result r = Proc.qctl("summary", "-o", "json", "--watch", "1", "--count", "2");
        assertThat(r.exit()).as(r.describe()).isZero();
        String[] blocks = r.stdout().split("(?m)^--- \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\n");
        assertThat(blocks).hasSize(3);
        JsonNode second = PostfixQueue.parse(blocks[2]);
        assertThat(second.get("messages").asLong()).isEqualTo(postfixCount(null));
    }
}
