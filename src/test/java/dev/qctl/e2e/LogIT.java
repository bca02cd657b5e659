package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qctl.testing.LogSince;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code qctl log} on the sandbox's real logs: a message through Postfix's content-filter hop
 * (smtpd 127.0.0.1:10026 → re-injection smtpd 127.0.0.1:10025, scripts/sandbox) delivered to the
 * loopback test MX, a message deferred three times, rotated and gzipped copies of the real log,
 * Exim's history against exigrep's, the same over SSH, --since/--until, and the errors. Run under
 * the sandbox lock: FakeMx's port is fixed. Every message it injects is gone when it ends.
 */
class LogIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUEUED = Pattern.compile("^(\\S+)$", Pattern.MULTILINE);

    private static String tag;
    /** The Postfix log from before this class sent anything: its own lines all come after. */
    private static LogSince postfixLog;
    private static FakeMx mx;
    /** The hop message: its first queue ID (port 10026) and the one after the filter. */
    private static String hopFirst;
    private static String hopSecond;
    /** Sent on port 25 to a closed port, tried three times. */
    private static String deferred;
    private static final List<Instant> attemptTimes = new ArrayList<>();
    private static String exim;
    private static Path home;
    private static Path config;

    @BeforeAll
    static void setUp() throws IOException {
        Sandbox.requirePostfix();
        Sandbox.requireExim();
        tag = PostfixHarness.newTag();
        postfixLog = LogSince.now(Path.of(Sandbox.get("QCTL_SANDBOX_POSTFIX_LOG")));
        mx = FakeMx.on(FakeMx.PORT).start();
        hopFirst = smtp(Sandbox.get("QCTL_SANDBOX_POSTFIX_FILTER_PORT"), tag + "@ok.mx.test");
        hopSecond = waitForLog(Pattern.compile(Pattern.quote(hopFirst) + ": to=<" + Pattern.quote(tag)
                + "@ok\\.mx\\.test>, relay=127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:10025, .*status=sent \\(250 .*queued as (\\w+)\\)"));
        waitForLog(Pattern.compile(Pattern.quote(hopSecond) + ": to=<" + Pattern.quote(tag) + "@ok\\.mx\\.test>, .*status=sent"));
        waitForLog(Pattern.compile(Pattern.quote(hopSecond) + ": removed"));
        deferred = smtp(Sandbox.get("QCTL_SANDBOX_POSTFIX_SMTP_PORT"), tag + "@refused.mx.test");
        for (int attempt = 1; attempt <= 3; attempt++) {
            if (attempt > 1) {
                PostfixHarness.sleep(1100); // each attempt in a second of its own, for --since/--until
                Proc.Result r = Proc.run("/usr/sbin/postqueue", "-i", deferred);
                assertThat(r.exit()).as(r.describe()).isZero();
            }
            waitForCount(deferred + ": to=<" + tag + "@refused.mx.test>, relay=none", attempt);
        }
        exim = EximQueue.inject(tag, 1).get(0);
        for (int attempt = 0; attempt < 2; attempt++) { // exim -M: one attempt now, retry times ignored
            Proc.Result r = EximQueue.exim("-M", exim);
            assertThat(r.exit()).as(r.describe()).isIn(0, 1);
        }
        home = Files.createTempDirectory("qctl-log-home-");
        config = Files.writeString(home.resolve("config.yaml"), "hosts:\n" + SandboxFleet.postfixAndExim()
                + SandboxFleet.host("pfnosudo", SandboxFleet.sshPort(), SandboxFleet.key(), SandboxFleet.knownHosts())
                        .replace("sudo: true", "sudo: false") + "    mta: postfix\n");
    }

    @AfterAll
    static void tearDown() {
        if (mx != null) {
            mx.close();
        }
        if (deferred != null) {
            Proc.run("/usr/sbin/postsuper", "-d", deferred);
        }
        if (exim != null) {
            EximQueue.exim("-Mrm", exim);
        }
    }

    /** Sends one message from TAG@example.org over SMTP; returns its queue ID. */
    private static String smtp(String port, String to) throws IOException {
        Path eml = Files.writeString(Files.createTempFile("qctl-log-", ".eml"), "Subject: " + tag + "\nMessage-ID: <"
                + tag + "-" + port + "@qctl.test>\n\nqctl log test\n");
        Proc.Result r = Proc.run("perl", Sandbox.baseDir().resolve("scripts/sandbox.d/smtp.pl").toString(), "send",
                "--port", port, "--from", tag + "@example.org", "--to", to, eml.toString());
        Files.delete(eml);
        assertThat(r.exit()).as(r.describe()).isZero();
        Matcher m = QUEUED.matcher(r.stdout().strip());
        assertThat(m.find()).as(r.describe()).isTrue();
        return m.group(1);
    }

    /** The Postfix log's lines since this class started (reading it whole ran the test JVM out of heap). */
    private static List<String> postfixLog() {
        return postfixLog.lines();
    }

    /** Waits (60 s at most) for a line of the Postfix log to match; returns group 1, or the line. */
    private static String waitForLog(Pattern pattern) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            for (String line : postfixLog()) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : line;
                }
            }
            PostfixHarness.sleep(200);
        }
        throw new AssertionError("no line in the Postfix log matches " + pattern);
    }

    private static void waitForCount(String literal, int count) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            List<String> lines = postfixLog().stream().filter(l -> l.contains(literal)).toList();
            if (lines.size() >= count) {
                return;
            }
            PostfixHarness.sleep(200);
        }
        throw new AssertionError(count + " lines with " + literal + " did not appear");
    }

    /** What grep -F says: the log lines that name these queue IDs (as "ID: "), in log order. */
    private static List<String> linesOf(List<String> log, String... ids) {
        return log.stream().filter(l -> java.util.Arrays.stream(ids).anyMatch(id -> l.contains(" " + id + ": "))).toList();
    }

    /** qctl's table without the "#" summary lines and the blank line after each message. */
    private static List<String> logLines(Proc.Result r) {
        return r.stdout().lines().filter(l -> !l.startsWith("#") && !l.isEmpty()).toList();
    }

    private static List<JsonNode> ndjson(Proc.Result r) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }

    @Test
    void filterHopTracedFromTheFirstToTheLastQueueIdToSent() throws IOException {
        assertThat(hopSecond).isNotEqualTo(hopFirst);
        assertThat(mx.rcptsSeen()).contains(tag + "@ok.mx.test");
        Proc.Result r = Proc.qctl("log", hopFirst);
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(r.stdout()).as(r.describe())
                .startsWith("# " + hopFirst + " -> " + hopSecond + "  from <" + tag + "@example.org>  message-id <"
                        + tag + "-" + Sandbox.get("QCTL_SANDBOX_POSTFIX_FILTER_PORT") + "@qctl.test>  (left the queue)\n")
                .containsPattern("(?m)^#   " + tag + "@ok\\.mx\\.test  sent via 127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:2530: 250 ");
        List<String> both = linesOf(postfixLog(), hopFirst, hopSecond);
        assertThat(logLines(r)).as(r.describe()).containsExactlyInAnyOrderElementsOf(both);
        assertThat(logLines(r).get(0)).contains(hopFirst + ": client=");
        // from the last ID back to the first: the same history
        Proc.Result back = Proc.qctl("log", hopSecond);
        assertThat(back.stdout()).isEqualTo(r.stdout());

        List<JsonNode> events = ndjson(Proc.qctl("log", hopFirst, "-o", "ndjson"));
        assertThat(events).hasSize(both.size()).allSatisfy(e -> {
            assertThat(e.get("host").asText()).isEqualTo("local");
            assertThat(e.get("trace").asText()).isEqualTo(hopFirst);
        });
        JsonNode handOn = events.stream().filter(e -> e.has("next_queue_id")).findFirst().orElseThrow();
        assertThat(handOn.get("queue_id").asText()).isEqualTo(hopFirst);
        assertThat(handOn.get("next_queue_id").asText()).isEqualTo(hopSecond);
        JsonNode delivered = events.stream().filter(e -> e.get("event").asText().equals("sent")
                && e.get("queue_id").asText().equals(hopSecond)).findFirst().orElseThrow();
        assertThat(delivered.get("recipient").asText()).isEqualTo(tag + "@ok.mx.test");
        assertThat(delivered.get("relay").asText()).isEqualTo("127.0.0.1[127.0.0.1]:2530");
        assertThat(delivered.get("dsn").asText()).isEqualTo("2.0.0");
    }

    @Test
    void mailOnPort25KeepsOneQueueIdAndEveryAttemptIsShown() throws IOException {
        Proc.Result r = Proc.qctl("log", deferred, "-o", "ndjson");
        assertThat(r.exit()).as(r.describe()).isZero();
        List<JsonNode> events = ndjson(r);
        assertThat(events).extracting(e -> e.get("queue_id").asText()).containsOnly(deferred);
        List<JsonNode> attempts = events.stream().filter(e -> e.get("event").asText().equals("deferred")).toList();
        assertThat(attempts).hasSize(3).allSatisfy(e -> {
            assertThat(e.get("reason").asText()).isEqualTo("connect to 127.0.0.1[127.0.0.1]:2533: Connection refused");
            assertThat(e.get("dsn").asText()).isEqualTo("4.4.1");
        });
        attempts.forEach(e -> attemptTimes.add(Instant.parse(e.get("time").asText())));

        Proc.Result show = Proc.qctl("show", deferred, "-e", "--attempts");
        assertThat(show.exit()).as(show.describe()).isZero();
        assertThat(show.stdout()).as(show.describe()).containsPattern("(?m)^Attempts:   3 since ")
                .contains("  " + tag + "@refused.mx.test: 3 attempts, last deferred, always: connect to "
                        + "127.0.0.1[127.0.0.1]:2533: Connection refused");
    }

    @Test
    void sinceAndUntilNarrow() throws IOException {
        List<Instant> times = ndjson(Proc.qctl("log", deferred, "-o", "ndjson")).stream()
                .filter(e -> e.get("event").asText().equals("deferred")).map(e -> Instant.parse(e.get("time").asText())).toList();
        assertThat(times).hasSize(3).doesNotHaveDuplicates();
        Proc.Result since = Proc.qctl("log", deferred, "-o", "ndjson", "--since", times.get(1).toString());
        assertThat(ndjson(since)).as(since.describe()).allSatisfy(e ->
                assertThat(Instant.parse(e.get("time").asText())).isAfterOrEqualTo(times.get(1)))
                .filteredOn(e -> e.get("event").asText().equals("deferred")).hasSize(2);
        Proc.Result until = Proc.qctl("log", deferred, "-o", "ndjson", "--until", times.get(0).toString());
        assertThat(ndjson(until)).as(until.describe()).allSatisfy(e ->
                assertThat(Instant.parse(e.get("time").asText())).isBeforeOrEqualTo(times.get(0)))
                .filteredOn(e -> e.get("event").asText().equals("deferred")).hasSize(1);
        Proc.Result none = Proc.qctl("log", deferred, "--since", times.get(2).plusSeconds(3600).toString());
        assertThat(none.exit()).as(none.describe()).isEqualTo(6);
        assertThat(none.stderr()).startsWith("qctl: no log lines about " + deferred + " in the time asked for in ");
    }

    /** Real lines of the sandbox log, rotated as logrotate leaves them: .2.gz (oldest), .1, the current file. */
    @Test
    void rotatedAndGzippedFiles() throws IOException {
        List<String> log = postfixLog();
        List<String> mine = linesOf(log, deferred);
        int first = log.indexOf(mine.get(0));
        int last = log.indexOf(mine.get(mine.size() - 1));
        Path dir = Files.createTempDirectory("qctl-log-rotated-");
        try {
            int cut = (first + last) / 2 + 1;
            gzip(dir.resolve("mail.log.2.gz"), log.subList(0, first + 1));
            Files.write(dir.resolve("mail.log.1"), log.subList(first + 1, cut));
            Files.write(dir.resolve("mail.log"), log.subList(cut, log.size()));
            Proc.Result r = Proc.qctl("log", deferred, "--log", dir.resolve("mail.log").toString());
            assertThat(r.exit()).as(r.describe()).isZero();
            assertThat(logLines(r)).as(r.describe()).containsExactlyElementsOf(mine);
            Proc.Result zgrep = Proc.run("zgrep", "-h", "-F", deferred + ": ", dir.resolve("mail.log.2.gz").toString());
            assertThat(zgrep.stdout().lines().toList()).isNotEmpty().allSatisfy(l -> assertThat(logLines(r)).contains(l));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static void gzip(Path file, List<String> lines) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void eximHistoryMatchesExigrep() {
        String mainlog = Sandbox.get("QCTL_SANDBOX_EXIM_LOG");
        Proc.Result exigrep = Proc.run(Sandbox.get("QCTL_SANDBOX_EXIM_SBIN") + "/exigrep", exim, mainlog);
        assertThat(exigrep.exit()).as(exigrep.describe()).isZero();
        // exigrep marks a message without "Completed" with a line of its own: "+++ ID has not completed +++"
        assertThat(exigrep.stdout()).startsWith("+++ " + exim + " has not completed +++\n");
        List<String> expected = exigrep.stdout().lines().filter(l -> !l.isEmpty() && !l.startsWith("+++ ")).toList();
        assertThat(expected).anyMatch(l -> l.contains(exim + " <= ")).anyMatch(l -> l.contains(exim + " == "));
        Proc.Result r = Proc.qctl(EximQueue.target("log", exim));
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(logLines(r)).as(r.describe()).containsExactlyElementsOf(expected);
        assertThat(r.stdout().lines().findFirst().orElseThrow()).doesNotContain("(left the queue)");
        assertThat(r.stdout()).as(r.describe()).contains("#   rcpt@" + tag + ".example  deferred, 2 attempts");
    }

    @Test
    void overSsh() {
        Map<String, String> env = SandboxFleet.env(home, config);
        Proc.Result pf = Proc.qctlWith(env, null, "log", "-H", "pf", hopFirst);
        assertThat(pf.exit()).as(pf.describe()).isZero();
        assertThat(pf.stdout()).isEqualTo(Proc.qctl("log", hopFirst).stdout());
        Proc.Result ex = Proc.qctlWith(env, null, "log", "-H", "ex", exim);
        assertThat(ex.exit()).as(ex.describe()).isZero();
        assertThat(logLines(ex)).isEqualTo(logLines(Proc.qctl(EximQueue.target("log", exim))));
        Proc.Result both = Proc.qctlWith(env, null, "log", "-H", "pf,ex", "--from", tag + "-0@*", "-o", "ndjson");
        assertThat(both.exit()).as(both.describe()).isZero();
        assertThat(both.stdout()).contains("\"host\":\"ex\"").contains("\"queue_id\":\"" + exim + "\"");
    }

    @Test
    void missingAndUnreadableLogs() {
        Proc.Result missing = Proc.qctl("log", deferred, "--log", "/nonexistent/mail.log");
        assertThat(missing.exit()).as(missing.describe()).isEqualTo(6);
        assertThat(missing.stdout()).isEmpty();
        assertThat(missing.stderr()).isEqualTo("qctl: no mail log /nonexistent/mail.log on local\n");
        // Exim's log directory is Debian-exim's (0750): the SSH user without sudo cannot look in
        Map<String, String> env = SandboxFleet.env(home, config);
        Proc.Result unreadable = Proc.qctlWith(env, null, "log", "-H", "pfnosudo", deferred, "--log",
                Sandbox.get("QCTL_SANDBOX_EXIM_LOG"));
        assertThat(unreadable.exit()).as(unreadable.describe()).isEqualTo(5);
        assertThat(unreadable.stderr()).as(unreadable.describe())
                .startsWith("qctl: cannot read the mail log on pfnosudo: ").contains("Permission denied")
                .doesNotContain("Exception").hasLineCount(1);
        Proc.Result bad = Proc.qctl("log", "not-an-id");
        assertThat(bad.exit()).as(bad.describe()).isEqualTo(7);
    }
}
