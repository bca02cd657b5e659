package dev.qctl.e2e;

import static dev.qctl.e2e.DiagnoseHarness.BLOCKED;
import static dev.qctl.e2e.DiagnoseHarness.BLOCKED4;
import static dev.qctl.e2e.DiagnoseHarness.BUSY;
import static dev.qctl.e2e.DiagnoseHarness.DEAD;
import static dev.qctl.e2e.DiagnoseHarness.GREYLIST;
import static dev.qctl.e2e.DiagnoseHarness.LOOKUP;
import static dev.qctl.e2e.DiagnoseHarness.NXDOMAIN;
import static dev.qctl.e2e.DiagnoseHarness.OK;
import static dev.qctl.e2e.DiagnoseHarness.QUOTA;
import static dev.qctl.e2e.DiagnoseHarness.RATELIMIT;
import static dev.qctl.e2e.DiagnoseHarness.REFUSED;
import static dev.qctl.e2e.DiagnoseHarness.SILENT;
import static dev.qctl.e2e.DiagnoseHarness.THROTTLED;
import static dev.qctl.e2e.DiagnoseHarness.UNAVAILABLE;
import static dev.qctl.e2e.DiagnoseHarness.UNKNOWN_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The diagnose harness's own test: the real Postfix and Exim, routed to the {@link FakeMx} servers,
 * write the genuine deferral reason for each {@code *.mx.test} domain. Run it under the sandbox
 * lock. Each run also writes what the MTAs said to target/diagnose-reasons/ (the source of
 * src/test/resources/dev/qctl/diagnose/reasons.tsv).
 */
class DeferralReasonsIT {
    /** A domain only this run knows, with a reply nobody could have hard-coded. */
    private static final String CUSTOM = "custom.mx.test";
    private static final String NONCE = UUID.randomUUID().toString().substring(0, 8);

    private static DiagnoseHarness harness;

    @BeforeAll
    static void start() {
        Sandbox.requirePostfix();
        Sandbox.requireExim();
        Map<String, List<String>> replies = new HashMap<>(DiagnoseHarness.STANDARD_REPLIES);
        replies.put(CUSTOM, List.of("451-4.3.0 Temporary local problem " + NONCE, "451 4.3.0 please try again later"));
        harness = DiagnoseHarness.start(replies);
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private static List<String> domains() {
        List<String> all = new ArrayList<>(DiagnoseHarness.DEFERRING);
        all.add(CUSTOM);
        return all;
    }

    /** What Postfix must have written, per domain: fragments of the genuine delay reason. */
    private static Map<String, List<String>> postfixExpected(String tag) {
        String said = "host 127.0.0.1[127.0.0.1] said: ";
        return Map.ofEntries(
                Map.entry(GREYLIST, List.of(said + "450 4.2.0 <" + tag + "@" + GREYLIST
                        + ">: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/"
                        + GREYLIST + ".html (in reply to RCPT TO command)")),
                // a multi-line reply, folded into one line with its continuation codes kept
                Map.entry(QUOTA, List.of(said + "452-4.2.2 The email account that you tried to reach is over quota. "
                        + "Please direct 452-4.2.2 the recipient to 452 4.2.2  https://support.google.com/mail/"
                        + "?p=OverQuotaTemp fakemx.42 - gsmtp (in reply to RCPT TO command)")),
                // 5xx: kept deferred by soft_bounce on the mxtest transport, the text unchanged
                Map.entry(BLOCKED, List.of(said + "554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using "
                        + "zen.spamhaus.org; https://www.spamhaus.org/query/ip/127.0.0.1 (in reply to RCPT TO command)")),
                Map.entry(UNKNOWN_USER, List.of(said + "550 5.1.1 <" + tag + "@" + UNKNOWN_USER
                        + ">: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)")),
                Map.entry(BLOCKED4, List.of(said + "451 4.7.1 Service unavailable; Client host [127.0.0.1] is listed at "
                        + "bl.spamcop.net")),
                Map.entry(THROTTLED, List.of(said + "451 4.7.1 <" + tag + "@" + THROTTLED
                        + ">: Recipient address rejected: Rate limit exceeded")),
                Map.entry(BUSY, List.of(said + "451 4.7.500 Server busy. Please try again later from [127.0.0.1].")),
                Map.entry(RATELIMIT, List.of("host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.7.0 "
                        + "mx1.ratelimit.mx.test Too many connections from your IP, try again later")),
                Map.entry(SILENT, List.of("conversation with 127.0.0.1[127.0.0.1] timed out while receiving the initial "
                        + "server greeting")),
                Map.entry(REFUSED, List.of("connect to 127.0.0.1[127.0.0.1]:" + FakeMx.REFUSED_PORT + ": Connection refused")),
                // the nexthop name is looked up for real and does not exist ("type=A: Host not found"
                // here; a resolver that cannot be reached would make it "..., try again")
                Map.entry(NXDOMAIN, List.of("Host or domain name not found. Name service error for "
                        + "name=host.nxdomain.invalid type=", ": Host not found")),
                Map.entry(CUSTOM, List.of(said + "451-4.3.0 Temporary local problem " + NONCE
                        + " 451 4.3.0 please try again later (in reply to RCPT TO command)")));
    }

    /** What Exim's message log must say, per domain (deferrals; the 5xx ones are failures). */
    private static Map<String, List<String>> eximExpected(String tag) {
        String after = "H=127.0.0.1 [127.0.0.1] DT=0s: SMTP error from remote mail server after ";
        String rcpt = after + "RCPT TO:<" + tag + "@";
        return Map.ofEntries(
                Map.entry(GREYLIST, List.of("T=mx_smtp defer (-44) ", rcpt + GREYLIST + ">: 450 4.2.0 <" + tag + "@" + GREYLIST
                        + ">: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/"
                        + GREYLIST + ".html")),
                // Exim keeps the line breaks of a multi-line reply, written as \n in the log
                Map.entry(QUOTA, List.of("defer (-44) ", rcpt + QUOTA + ">: 452-4.2.2 The email account that you tried to "
                        + "reach is over quota. Please direct\\n452-4.2.2 the recipient to\\n452 4.2.2  "
                        + "https://support.google.com/mail/?p=OverQuotaTemp fakemx.42 - gsmtp")),
                Map.entry(BLOCKED4, List.of("defer (-44) ", rcpt + BLOCKED4 + ">: 451 4.7.1 Service unavailable; Client host "
                        + "[127.0.0.1] is listed at bl.spamcop.net")),
                Map.entry(THROTTLED, List.of("defer (-44) ", rcpt + THROTTLED + ">: 451 4.7.1 <" + tag + "@" + THROTTLED
                        + ">: Recipient address rejected: Rate limit exceeded")),
                Map.entry(BUSY, List.of("defer (-44) ", rcpt + BUSY + ">: 451 4.7.500 Server busy.")),
                Map.entry(RATELIMIT, List.of("defer (0) ", after + "initial connection: 421 4.7.0 mx1.ratelimit.mx.test "
                        + "Too many connections from your IP, try again later")),
                Map.entry(SILENT, List.of("defer (110): Connection timed out H=127.0.0.1 [127.0.0.1]",
                        "SMTP timeout after initial connection")),
                Map.entry(REFUSED, List.of("defer (111): Connection refused")),
                Map.entry(NXDOMAIN, List.of("R=mx_test defer (", "host.nxdomain.invalid")),
                Map.entry(CUSTOM, List.of("defer (-44) ", rcpt + CUSTOM + ">: 451-4.3.0 Temporary local problem " + NONCE
                        + "\\n451 4.3.0 please try again later")),
                // failures, no "defer": Exim marks the recipient done and bounces to the sender
                Map.entry(BLOCKED, List.of("T=mx_smtp H=127.0.0.1 [127.0.0.1]: SMTP error from remote mail server after "
                        + "RCPT TO:<" + tag + "@" + BLOCKED + ">: 554 5.7.1 Service unavailable; Client host [127.0.0.1] "
                        + "blocked using zen.spamhaus.org")),
                Map.entry(UNKNOWN_USER, List.of("T=mx_smtp H=127.0.0.1 [127.0.0.1]: SMTP error from remote mail server after "
                        + "RCPT TO:<" + tag + "@" + UNKNOWN_USER + ">: 550 5.1.1 <" + tag + "@" + UNKNOWN_USER
                        + ">: Recipient address rejected: User unknown")));
    }

    @Test
    void postfixDefersEachDomainWithTheReasonItsReplyCauses() {
        String tag = harness.newTag();
        List<String> deferring = DiagnoseHarness.recipients(tag, domains());
        List<String> all = new ArrayList<>(deferring);
        all.add(tag + "@" + OK);
        String id = harness.postfixInject(tag, all);
        Map<String, String> reasons = harness.postfixReasons(id, deferring);
        record("postfix", tag, reasons);
        assertInCorpus("postfix", tag, reasons);

        Map<String, List<String>> expected = postfixExpected(tag);
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(domains());
        expected.forEach((domain, fragments) -> {
            String reason = reasons.get(tag + "@" + domain);
            for (String fragment : fragments) {
                assertThat(reason).as("Postfix reason for " + domain).contains(fragment);
            }
        });
        // the control: the same route delivers when the remote accepts, so the rest was the replies
        assertThat(reasons).doesNotContainKey(tag + "@" + OK);
        assertDelivered(tag);
        assertThat(harness.mx().rcptsSeen()).contains(tag + "@" + GREYLIST, tag + "@" + BLOCKED, tag + "@" + CUSTOM);
    }

    @Test
    void eximDefersTemporaryRepliesAndFailsPermanentOnes() {
        String tag = harness.newTag();
        List<String> all = new ArrayList<>(DiagnoseHarness.recipients(tag, domains()));
        all.add(tag + "@" + OK);
        Map<String, DiagnoseHarness.EximOutcome> outcomes = harness.eximAttempt(tag, all);
        String id = harness.eximIds().get(harness.eximIds().size() - 1);

        Map<String, List<String>> expected = eximExpected(tag);
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(domains());
        List<String> failing = List.of(BLOCKED, UNKNOWN_USER);
        expected.forEach((domain, fragments) -> {
            DiagnoseHarness.EximOutcome outcome = outcomes.get(tag + "@" + domain);
            assertThat(outcome).as("Exim outcome for " + domain).isNotNull();
            assertThat(outcome.failed()).as("Exim failed " + domain + ": " + outcome.line())
                    .isEqualTo(failing.contains(domain));
            for (String fragment : fragments) {
                assertThat(outcome.line()).as("Exim msglog line for " + domain).contains(fragment);
            }
        });
        // exim -bp: the failed and the delivered recipients are done (D), the others still queued
        Map<String, Boolean> done = EximQueue.bp().get(id).recipientsDelivered();
        for (String domain : domains()) {
            assertThat(done.get(tag + "@" + domain)).as("D mark of " + domain).isEqualTo(failing.contains(domain));
        }
        assertThat(done.get(tag + "@" + OK)).isTrue();
        assertDelivered(tag);
        // the failures made a bounce to the sender (null sender), which Exim queues (queue_only)
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && EximQueue.bp().values().stream().noneMatch(m -> m.sender().isEmpty()
                && m.recipientsDelivered().containsKey(DiagnoseHarness.sender(tag)))) {
            PostfixHarness.sleep(100);
        }
        assertThat(EximQueue.bp().values()).anySatisfy(m -> {
            assertThat(m.sender()).isEmpty();
            assertThat(m.recipientsDelivered()).containsOnlyKeys(DiagnoseHarness.sender(tag));
        });

        // qctl reads the same reasons from the spool: what `qctl diagnose` will classify
        Proc.Result list = Proc.qctl(EximQueue.target("list", "--from", DiagnoseHarness.sender(tag), "-o", "json"));
        assertThat(list.exit()).as(list.describe()).isZero();
        JsonNode records = PostfixQueue.parse(list.stdout());
        assertThat(records).hasSize(1);
        Map<String, String> reasons = new HashMap<>();
        for (JsonNode r : records.get(0).get("recipients")) {
            String domain = FakeMx.domainOf(r.get("address").asText());
            boolean deferring = !failing.contains(domain) && !domain.equals(OK);
            assertThat(r.get("status").asText()).as("qctl status of " + domain).isEqualTo(deferring ? "deferred" : "delivered");
            if (deferring) {
                reasons.put(r.get("address").asText(), r.get("reason").asText());
            }
        }
        assertThat(reasons.get(tag + "@" + GREYLIST)).contains("450 4.2.0").contains("Greylisted");
        assertThat(reasons.get(tag + "@" + CUSTOM)).contains(NONCE);
        record("exim", tag, reasons);
        assertInCorpus("exim", tag, reasons);
        // the failures in the corpus: the msglog text after T=transport, without the DT= timing
        Map<String, String> failures = new HashMap<>();
        for (String domain : failing) {
            failures.put(tag + "@" + domain, outcomes.get(tag + "@" + domain).line()
                    .replaceFirst("^\\S+ \\S+ \\S+ R=\\S+ T=\\S+ ", "").replaceFirst(" DT=\\S+$", ""));
        }
        record("exim-bounced", tag, failures);
        assertInCorpus("exim-bounced", tag, failures);
    }

    @Test
    void postfixLocalConfigurationProblems() {
        String tag = harness.newTag();
        List<String> rcpts = DiagnoseHarness.recipients(tag, List.of(DEAD, UNAVAILABLE));
        Map<String, String> reasons = new HashMap<>(harness.postfixReasons(harness.postfixInject(tag, rcpts), rcpts));
        // no master.cf service for the transport of the domain
        assertThat(reasons.get(tag + "@" + UNAVAILABLE)).isEqualTo("mail transport unavailable");
        // mxdead gives up on [127.0.0.1]:2533 after one failure (for minimal_backoff_time, or until
        // qmgr restarts): the first message may find it still suspended from an earlier run
        String refused = "connect to 127.0.0.1[127.0.0.1]:" + FakeMx.REFUSED_PORT + ": Connection refused";
        assertThat(reasons.get(tag + "@" + DEAD)).isIn(refused, "delivery temporarily suspended: " + refused);

        String tag2 = harness.newTag();
        String next = harness.postfixInject(tag2, List.of(tag2 + "@" + DEAD));
        String suspended = harness.postfixReasons(next, List.of(tag2 + "@" + DEAD)).get(tag2 + "@" + DEAD);
        assertThat(suspended).isEqualTo("delivery temporarily suspended: " + refused);
        reasons.put(tag + "@suspended." + DEAD, suspended);
        record("postfix-local", tag, reasons);
        assertInCorpus("postfix", tag, reasons);
    }

    @Test
    void eximLookupFailureInARouter() {
        String tag = harness.newTag();
        String rcpt = tag + "@" + LOOKUP;
        DiagnoseHarness.EximOutcome outcome = harness.eximAttempt(tag, List.of(rcpt)).get(rcpt);
        assertThat(outcome.failed()).isFalse();
        assertThat(outcome.line()).contains(rcpt + " R=mx_lookup defer (-1) ")
                .contains(": failed to open /var/lib/qctl-sandbox/exim/qctl-mx-routes-missing for linear search: "
                        + "No such file or directory");
        assertThat(harness.mx().rcptsSeen()).doesNotContain(rcpt);

        Proc.Result list = Proc.qctl(EximQueue.target("list", "--from", DiagnoseHarness.sender(tag), "-o", "json"));
        assertThat(list.exit()).as(list.describe()).isZero();
        JsonNode recipient = PostfixQueue.parse(list.stdout()).get(0).get("recipients").get(0);
        assertThat(recipient.get("status").asText()).isEqualTo("deferred");
        assertThat(recipient.get("reason").asText()).startsWith("failed to expand \"${lookup{$domain}lsearch{")
                .endsWith("for linear search: No such file or directory");
        record("exim-local", tag, Map.of(rcpt, recipient.get("reason").asText()));
        assertInCorpus("exim", tag, Map.of(rcpt, recipient.get("reason").asText()));
    }

    @Test
    void tlsRequiredButBrokenOrNotOffered() {
        String tag = harness.newTag();
        String broken = tag + "@" + DiagnoseHarness.TLS;
        String notOffered = tag + "@" + DiagnoseHarness.NOTLS;
        List<String> rcpts = List.of(broken, notOffered);
        Map<String, String> reasons = harness.postfixReasons(harness.postfixInject(tag, rcpts), rcpts);
        assertThat(reasons.get(broken)).isEqualTo("Cannot start TLS: handshake failure");
        assertThat(reasons.get(notOffered)).isEqualTo("TLS is required, but was not offered by host 127.0.0.1[127.0.0.1]");
        record("postfix-tls", tag, reasons);
        assertInCorpus("postfix", tag, reasons);

        Map<String, DiagnoseHarness.EximOutcome> outcomes = harness.eximAttempt(tag, rcpts);
        assertThat(outcomes.get(broken).line()).contains("R=mx_tls T=mx_smtp_tls defer (-37) H=127.0.0.1 [127.0.0.1]")
                .contains(": TLS session: (gnutls_handshake): An unexpected TLS packet was received.");
        assertThat(outcomes.get(notOffered).line()).contains("R=mx_tls T=mx_smtp_tls defer (-38) H=127.0.0.1 [127.0.0.1]")
                .contains(": a TLS session is required, but the server did not offer TLS support");
        // TLS required and not offered: neither MTA went on in the clear
        assertThat(harness.mx().rcptsSeen()).doesNotContain(notOffered);

        Proc.Result list = Proc.qctl(EximQueue.target("list", "--from", DiagnoseHarness.sender(tag), "-o", "json"));
        assertThat(list.exit()).as(list.describe()).isZero();
        Map<String, String> eximReasons = new HashMap<>();
        for (JsonNode r : PostfixQueue.parse(list.stdout()).get(0).get("recipients")) {
            assertThat(r.get("status").asText()).isEqualTo("deferred");
            eximReasons.put(r.get("address").asText(), r.get("reason").asText());
        }
        assertThat(eximReasons.get(broken)).contains("TLS session");
        record("exim-tls", tag, eximReasons);
        assertInCorpus("exim", tag, eximReasons);
    }

    /** The message to ok.mx.test reached the FakeMx: envelope and headers as injected. */
    private static void assertDelivered(String tag) {
        assertThat(harness.mx().messages()).anySatisfy(m -> {
            assertThat(m.rcptTo()).containsExactly(tag + "@" + OK);
            assertThat(m.mailFrom()).isEqualTo(DiagnoseHarness.sender(tag));
            assertThat(m.data()).contains("X-Qctl-Test: " + tag);
        });
    }

    /** The local part that stands for a run's tag in the corpus. */
    private static final String CORPUS_TAG = "it3f9a27c1d0";

    /**
     * The corpus of labelled reasons (src/test/resources/dev/qctl/diagnose/reasons.tsv) holds each
     * reason this run's MTAs wrote for the standard domains, as written: it stays genuine.
     */
    private static void assertInCorpus(String mta, String tag, Map<String, String> reasons) {
        List<String> corpus;
        try (var in = DeferralReasonsIT.class.getResourceAsStream("/dev/qctl/diagnose/reasons.tsv")) {
            assertThat(in).as("reasons.tsv on the test class path").isNotNull();
            corpus = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.substring(l.indexOf('\t') + 1)).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        reasons.forEach((rcpt, reason) -> {
            // (the name lookup depends on the machine's resolver: only NXDOMAIN answers are collected)
            boolean resolverTrouble = FakeMx.domainOf(rcpt).equals(NXDOMAIN)
                    && (reason.contains("try again") || reason.contains("did not complete"));
            if (!FakeMx.domainOf(rcpt).equals(CUSTOM) && !resolverTrouble) {
                assertThat(corpus).as("reasons.tsv has what " + mta + " wrote for " + rcpt)
                        .contains(mta + "\t" + reason.replace(tag, CORPUS_TAG));
            }
        });
    }

    private static void record(String mta, String tag, Map<String, String> reasons) {
        Path dir = Path.of(System.getProperty("qctl.basedir", "."), "target", "diagnose-reasons");
        StringBuilder out = new StringBuilder();
        reasons.forEach((rcpt, reason) -> out.append(FakeMx.domainOf(rcpt)).append('\t').append(mta).append('\t')
                .append(reason.replace(tag, "TAG").replace("\n", "\\n")).append('\n'));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(mta + ".tsv"), out.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
