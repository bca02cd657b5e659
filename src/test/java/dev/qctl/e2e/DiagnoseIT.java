package dev.qctl.e2e;

import static dev.qctl.e2e.DiagnoseHarness.BLOCKED;
import static dev.qctl.e2e.DiagnoseHarness.BLOCKED4;
import static dev.qctl.e2e.DiagnoseHarness.BUSY;
import static dev.qctl.e2e.DiagnoseHarness.GREYLIST;
import static dev.qctl.e2e.DiagnoseHarness.LOOKUP;
import static dev.qctl.e2e.DiagnoseHarness.NOTLS;
import static dev.qctl.e2e.DiagnoseHarness.NXDOMAIN;
import static dev.qctl.e2e.DiagnoseHarness.QUOTA;
import static dev.qctl.e2e.DiagnoseHarness.RATELIMIT;
import static dev.qctl.e2e.DiagnoseHarness.REFUSED;
import static dev.qctl.e2e.DiagnoseHarness.SILENT;
import static dev.qctl.e2e.DiagnoseHarness.THROTTLED;
import static dev.qctl.e2e.DiagnoseHarness.TLS;
import static dev.qctl.e2e.DiagnoseHarness.UNAVAILABLE;
import static dev.qctl.e2e.DiagnoseHarness.UNKNOWN_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code qctl diagnose} on the real Postfix and Exim, whose queues the {@link DiagnoseHarness} fills
 * with the genuine deferral reasons each MTA writes for the replies of a test MX on loopback
 * (greylisting, quota, blocklists, throttling, 5xx under soft_bounce, a silent and a refused port,
 * a name that does not resolve, broken and missing TLS, local configuration errors). Each test
 * diagnoses only its own messages (--from TAG@example.org) and checks every recipient's cause, the
 * counts and the domains against what the MTA's own tools report.
 */
class DiagnoseIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which cause each test domain must get, whatever the MTA. */
    private static final Map<String, String> CAUSE_OF = Map.ofEntries(
            Map.entry(GREYLIST, "greylisted"),
            Map.entry(QUOTA, "mailbox-full"),
            Map.entry(BLOCKED, "blocklisted"),
            Map.entry(BLOCKED4, "blocklisted"),
            Map.entry(THROTTLED, "rate-limited"),
            Map.entry(BUSY, "rate-limited"),
            Map.entry(RATELIMIT, "rate-limited"),
            Map.entry(UNKNOWN_USER, "recipient-rejected"),
            Map.entry(SILENT, "destination-unreachable"),
            Map.entry(REFUSED, "destination-unreachable"),
            Map.entry(NXDOMAIN, "dns"),
            Map.entry(TLS, "tls"),
            Map.entry(NOTLS, "tls"),
            Map.entry(UNAVAILABLE, "local-config"),
            Map.entry(LOOKUP, "local-config"));

    @BeforeAll
    static void sandbox() {
        Sandbox.requirePostfix();
        Sandbox.requireExim();
    }

    @Test
    void postfixEveryRecipientGetsItsCauseWithCountsDomainsAndNextSteps() throws IOException {
        try (DiagnoseHarness h = DiagnoseHarness.start()) {
            String tag = h.newTag();
            List<String> all = List.of(GREYLIST, QUOTA, BLOCKED, BLOCKED4, THROTTLED, BUSY, RATELIMIT, UNKNOWN_USER,
                    SILENT, REFUSED, NXDOMAIN, TLS, NOTLS, UNAVAILABLE);
            List<String> first = DiagnoseHarness.recipients(tag, all);
            Map<String, String> reasons = h.postfixReasons(h.postfixInject(tag, first), first);
            List<String> second = DiagnoseHarness.recipients(tag + "x", List.of(GREYLIST, REFUSED));
            h.postfixReasons(h.postfixInject(tag, second), second);

            Proc.Result r = Proc.qctl("diagnose", "--mta", "postfix", "--from", DiagnoseHarness.sender(tag), "-o", "json");
            assertThat(r.exit()).as(r.describe()).isZero();
            JsonNode report = JSON.readTree(r.stdout());

            Map<String, Map<String, Long>> expected = expectedDomains(List.of(all, List.of(GREYLIST, REFUSED)));
            assertThat(domainsPerCause(report)).isEqualTo(expected);
            assertThat(report.get("messages").asLong()).isEqualTo(2);
            assertThat(report.get("deferred_messages").asLong()).isEqualTo(2);
            assertThat(report.get("deferred_recipients").asLong()).isEqualTo(16)
                    .isEqualTo(postfixReasonsOf(h.postfixIds()));
            assertThat(cause(report, "greylisted").get("messages").asLong()).isEqualTo(2);
            assertThat(cause(report, "destination-unreachable").get("messages").asLong()).isEqualTo(2);
            assertThat(cause(report, "destination-unreachable").get("recipients").asLong()).isEqualTo(3);
            assertThat(cause(report, "tls").get("messages").asLong()).isEqualTo(1);
            // the example is a reason as Postfix wrote it, for a recipient of that cause
            assertThat(cause(report, "blocklisted").get("example").asText())
                    .isIn(reasons.get(tag + "@" + BLOCKED), reasons.get(tag + "@" + BLOCKED4));
            // suspend the top destination of the cause, with the exact command (issue 21)
            String blocked = cause(report, "blocklisted").get("domains").get(0).get("domain").asText();
            assertThat(blocked).isIn(BLOCKED, BLOCKED4);
            assertThat(cause(report, "blocklisted").get("next_step").get("commands")).extracting(JsonNode::asText)
                    .containsExactly("qctl suspend --mta postfix " + blocked + " --for 4h --reason 'blocklisted by "
                            + blocked + ", delisting requested'", "qctl resume --mta postfix " + blocked);
            String limited = cause(report, "rate-limited").get("domains").get(0).get("domain").asText();
            assertThat(cause(report, "rate-limited").get("next_step").get("commands")).extracting(JsonNode::asText)
                    .containsExactly("qctl suspend --mta postfix " + limited + " --for 1h --reason 'rate-limited by "
                            + limited + ", paused by the admin'", "qctl deliver --mta postfix --to '*@" + limited + "' --rate 1/s");
            // the deadline is Postfix's own setting
            String lifetime = Proc.run("/usr/sbin/postconf", "-h", "maximal_queue_lifetime").stdout().strip();
            assertThat(report.get("deadline").get("setting").asText()).isEqualTo("maximal_queue_lifetime = " + lifetime);

            // the table names the same causes, the example and the command for the top domain
            Proc.Result table = Proc.qctl("diagnose", "--mta", "postfix", "--from", DiagnoseHarness.sender(tag));
            assertThat(table.exit()).as(table.describe()).isZero();
            for (String cause : expected.keySet()) {
                assertThat(table.stdout()).containsPattern("(?m)^" + cause + " +" + expected.get(cause).values().stream()
                        .mapToLong(Long::longValue).sum() + " ");
            }
            assertThat(table.stdout()).contains("$ qctl flush --mta postfix --site refused.mx.test",
                    "16 deferred recipients in 2 of 2 messages.");
        }
    }

    @Test
    void eximEveryDeferredRecipientGetsItsCause() throws IOException {
        try (DiagnoseHarness h = DiagnoseHarness.start()) {
            String tag = h.newTag();
            // 5xx replies are failures on Exim (bounced, not queued): they cannot be diagnosed there
            List<String> domains = List.of(GREYLIST, QUOTA, BLOCKED4, THROTTLED, BUSY, RATELIMIT, SILENT, REFUSED,
                    NXDOMAIN, TLS, NOTLS, LOOKUP);
            List<String> recipients = DiagnoseHarness.recipients(tag, domains);
            Map<String, DiagnoseHarness.EximOutcome> outcomes = h.eximAttempt(tag, recipients);
            assertThat(outcomes.values()).noneMatch(DiagnoseHarness.EximOutcome::failed);

            Proc.Result r = Proc.qctl(EximQueue.target("diagnose", "--mta", "exim", "--from", DiagnoseHarness.sender(tag),
                    "-o", "json"));
            assertThat(r.exit()).as(r.describe()).isZero();
            JsonNode report = JSON.readTree(r.stdout());
            assertThat(domainsPerCause(report)).isEqualTo(expectedDomains(List.of(domains)));
            assertThat(report.get("deferred_recipients").asLong()).isEqualTo(domains.size());
            assertThat(report.get("untried_recipients").asLong()).isZero();
            // the deadline is the last time of the sandbox's retry rule (F,4d,1h)
            assertThat(report.get("deadline").get("setting").asText()).isEqualTo("retry rule " + retryRule());
            assertThat(report.get("deadline").get("lifetime_seconds").asLong()).isEqualTo(4 * 86_400);
            assertThat(cause(report, "local-config").get("example").asText()).startsWith("failed to expand");
        }
    }

    @Test
    void aRuleInTheConfigChangesAClassification(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("config.yaml"), String.join("\n",
                "diagnose:",
                "  rules:",
                "    - match: 'Server busy'",
                "      code: 4.7.500",
                "      cause: partner-outage",
                "      advice: The partner's gateway is overloaded; call their NOC.",
                "    - match: 'rate limit exceeded'",
                "      cause: blocklisted",
                ""));
        try (DiagnoseHarness h = DiagnoseHarness.start()) {
            String tag = h.newTag();
            List<String> recipients = DiagnoseHarness.recipients(tag, List.of(BUSY, THROTTLED, RATELIMIT));
            h.postfixReasons(h.postfixInject(tag, recipients), recipients);

            Proc.Result builtIn = Proc.qctl("diagnose", "--mta", "postfix", "--from", DiagnoseHarness.sender(tag), "-o", "json");
            assertThat(domainsPerCause(JSON.readTree(builtIn.stdout()))).isEqualTo(
                    Map.of("rate-limited", Map.of(BUSY, 1L, THROTTLED, 1L, RATELIMIT, 1L)));

            Proc.Result r = Proc.qctl("diagnose", "--config", config.toString(), "--mta", "postfix", "--from",
                    DiagnoseHarness.sender(tag), "-o", "json");
            assertThat(r.exit()).as(r.describe()).isZero();
            JsonNode report = JSON.readTree(r.stdout());
            assertThat(domainsPerCause(report)).isEqualTo(Map.of(
                    "partner-outage", Map.of(BUSY, 1L),
                    "blocklisted", Map.of(THROTTLED, 1L),
                    "rate-limited", Map.of(RATELIMIT, 1L)));
            assertThat(cause(report, "partner-outage").get("rules").get("config:3").asLong()).isEqualTo(1);
            assertThat(cause(report, "blocklisted").get("rules").get("config:7").asLong()).isEqualTo(1);
            assertThat(cause(report, "partner-outage").get("next_step").get("advice").asText())
                    .isEqualTo("The partner's gateway is overloaded; call their NOC.");
        }
    }

    @Test
    void theCauseSelectsMessagesForListAndActions(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        try (DiagnoseHarness h = DiagnoseHarness.start()) {
            String tag = h.newTag();
            String sender = DiagnoseHarness.sender(tag);
            List<String> r1 = DiagnoseHarness.recipients(tag, List.of(BLOCKED4));
            String blocked = h.postfixInject(tag, r1);
            h.postfixReasons(blocked, r1);
            List<String> r2 = DiagnoseHarness.recipients(tag, List.of(QUOTA));
            String full = h.postfixInject(tag, r2);
            h.postfixReasons(full, r2);
            List<String> r3 = DiagnoseHarness.recipients(tag, List.of(THROTTLED, BLOCKED));
            String mixed = h.postfixInject(tag, r3);
            h.postfixReasons(mixed, r3);

            Proc.Result list = Proc.qctl("list", "--mta", "postfix", "--from", sender, "--cause", "blocklisted", "-o", "ids");
            assertThat(list.exit()).as(list.describe()).isZero();
            assertThat(list.stdout().lines().toList()).containsExactlyInAnyOrder(blocked, mixed);
            assertThat(Proc.qctl("list", "--mta", "postfix", "--from", sender, "--cause", "mailbox-full", "-o", "ids")
                    .stdout().lines().toList()).containsExactly(full);

            Proc.Result unknown = Proc.qctl("list", "--mta", "postfix", "--cause", "blocklist");
            assertThat(unknown.exit()).as(unknown.describe()).isEqualTo(2);
            assertThat(unknown.stderr()).startsWith("qctl: unknown cause 'blocklist' (expected destination-unreachable");

            // the action holds exactly the blocklisted messages
            Proc.Result hold = Proc.qctl("hold", "--mta", "postfix", "--from", sender, "--cause", "blocklisted", "--yes");
            assertThat(hold.exit()).as(hold.describe()).isZero();
            Map<String, String> queues = new TreeMap<>();
            PostfixQueue.postqueueJ().stream().filter(n -> h.postfixIds().contains(n.get("queue_id").asText()))
                    .forEach(n -> queues.put(n.get("queue_id").asText(), n.get("queue_name").asText()));
            assertThat(queues).isEqualTo(Map.of(blocked, "hold", mixed, "hold", full, "deferred"));

            // a cause of the config's rules can be selected too
            Path config = Files.writeString(dir.resolve("config.yaml"), String.join("\n", "diagnose:", "  rules:",
                    "    - match: 'over quota'", "      cause: quota-watch", "      advice: Tell the helpdesk.", ""));
            assertThat(Proc.qctl("list", "--config", config.toString(), "--mta", "postfix", "--from", sender, "--cause",
                    "quota-watch", "-o", "ids").stdout().lines().toList()).containsExactly(full);
        }
    }

    @Test
    void oneSenderFillingTheQueueIsNamed() throws IOException {
        try (DiagnoseHarness h = DiagnoseHarness.start()) {
            String tag = h.newTag();
            for (int i = 0; i < 10; i++) {
                List<String> rcpt = DiagnoseHarness.recipients(tag + i, List.of(REFUSED));
                h.postfixReasons(h.postfixInject(tag, rcpt), rcpt);
            }
            Proc.Result r = Proc.qctl("diagnose", "--mta", "postfix", "--to", "*@" + REFUSED, "-o", "json");
            assertThat(r.exit()).as(r.describe()).isZero();
            JsonNode report = JSON.readTree(r.stdout());
            // the messages share a subject too: the origin signals may stand beside the sender's
            JsonNode signal = null;
            for (JsonNode s : report.get("signals")) {
                if (s.get("signal").asText().equals("dominant-sender")) {
                    signal = s;
                }
            }
            assertThat(signal).as(report.toString()).isNotNull();
            assertThat(signal.get("messages").asLong()).isEqualTo(10);
            assertThat(signal.get("next_step").get("commands").get(0).asText())
                    .isEqualTo("qctl hold --mta postfix --from " + DiagnoseHarness.sender(tag));
        }
    }

    @Test
    void severalHostsOverSshGiveEachHostAndTheTotal(@org.junit.jupiter.api.io.TempDir Path home) throws IOException {
        dev.qctl.exec.ssh.SshSandboxAccess.require();
        Path config = Files.writeString(home.resolve("config.yaml"), "hosts:\n" + SandboxFleet.postfixAndExim()
                + "groups:\n  both: [pf, ex]\n");
        try (DiagnoseHarness h = DiagnoseHarness.start()) {
            String tag = h.newTag();
            List<String> pf = DiagnoseHarness.recipients(tag, List.of(QUOTA, REFUSED));
            h.postfixReasons(h.postfixInject(tag, pf), pf);
            h.eximAttempt(tag, DiagnoseHarness.recipients(tag, List.of(QUOTA, TLS, NXDOMAIN)));

            Proc.Result r = Proc.qctlWith(SandboxFleet.env(home, config), null, "diagnose", "-H", "@both", "--from",
                    DiagnoseHarness.sender(tag), "-o", "json");
            assertThat(r.exit()).as(r.describe()).isZero();
            JsonNode root = JSON.readTree(r.stdout());
            assertThat(root.get("hosts")).extracting(n -> n.get("host").asText()).containsExactly("pf", "ex");
            JsonNode pfReport = root.get("hosts").get(0).get("diagnosis");
            JsonNode exReport = root.get("hosts").get(1).get("diagnosis");
            assertThat(domainsPerCause(pfReport)).isEqualTo(Map.of("mailbox-full", Map.of(QUOTA, 1L),
                    "destination-unreachable", Map.of(REFUSED, 1L)));
            assertThat(domainsPerCause(exReport)).isEqualTo(Map.of("mailbox-full", Map.of(QUOTA, 1L),
                    "tls", Map.of(TLS, 1L), "dns", Map.of(NXDOMAIN, 1L)));
            assertThat(domainsPerCause(root.get("total"))).isEqualTo(Map.of("mailbox-full", Map.of(QUOTA, 2L),
                    "destination-unreachable", Map.of(REFUSED, 1L), "tls", Map.of(TLS, 1L), "dns", Map.of(NXDOMAIN, 1L)));
            // each host's commands act on that host; its deadline is its own MTA's
            assertThat(cause(exReport, "tls").get("next_step").get("commands").get(0).asText())
                    .isEqualTo("qctl flush -H ex --site tls.mx.test");
            assertThat(pfReport.get("deadline").get("setting").asText()).startsWith("maximal_queue_lifetime = ");
            assertThat(exReport.get("deadline").get("setting").asText()).startsWith("retry rule ");
            assertThat(root.get("total").get("deadline").isNull()).isTrue();

            Proc.Result table = Proc.qctlWith(SandboxFleet.env(home, config), null, "diagnose", "-H", "@both", "--from",
                    DiagnoseHarness.sender(tag));
            assertThat(table.stdout()).contains("== pf ==", "== ex ==", "== all hosts (2 of 2 answered) ==");
        }
    }

    /** cause → (domain → recipients) from the report (the top domains; all of them for these small queues). */
    private static Map<String, Map<String, Long>> domainsPerCause(JsonNode report) {
        Map<String, Map<String, Long>> found = new TreeMap<>();
        for (JsonNode c : report.get("causes")) {
            Map<String, Long> domains = new TreeMap<>();
            c.get("domains").forEach(d -> domains.put(d.get("domain").asText(), d.get("recipients").asLong()));
            assertThat(c.get("domains_exact").asBoolean()).isTrue();
            assertThat(domains.values().stream().mapToLong(Long::longValue).sum()).as(c.toString())
                    .isEqualTo(c.get("recipients").asLong());
            found.put(c.get("cause").asText(), domains);
        }
        return found;
    }

    private static Map<String, Map<String, Long>> expectedDomains(List<List<String>> messages) {
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        for (List<String> domains : messages) {
            for (String d : domains) {
                expected.computeIfAbsent(CAUSE_OF.get(d), k -> new TreeMap<>()).merge(d, 1L, Long::sum);
            }
        }
        return expected;
    }

    private static JsonNode cause(JsonNode report, String name) {
        for (JsonNode c : report.get("causes")) {
            if (c.get("cause").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no cause " + name + " in " + report);
    }

    /** Recipients with a delay reason in postqueue -j, over these messages. */
    private static long postfixReasonsOf(List<String> ids) {
        long n = 0;
        for (JsonNode m : PostfixQueue.postqueueJ()) {
            if (ids.contains(m.get("queue_id").asText())) {
                for (JsonNode rcpt : m.get("recipients")) {
                    n += rcpt.hasNonNull("delay_reason") ? 1 : 0;
                }
            }
        }
        return n;
    }

    /** The sandbox Exim's catch-all retry rule, as -brt prints it. */
    private static String retryRule() {
        Proc.Result r = EximQueue.exim("-brt", "qctl-probe.invalid");
        Matcher m = Pattern.compile("Retry rule:\\s*(.*?);?\\s*$", Pattern.MULTILINE).matcher(r.stdout());
        assertThat(m.find()).as(r.describe()).isTrue();
        return m.group(1).replaceAll("\\s+", " ").replaceAll(";\\s*$", "");
    }
}
