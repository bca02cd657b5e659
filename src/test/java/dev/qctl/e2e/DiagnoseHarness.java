package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the real Postfix and Exim queues with genuine deferral reasons: starts the {@link FakeMx}
 * servers the sandbox routes {@code *.mx.test} to, injects a tagged message for recipients in
 * those domains, makes each MTA attempt delivery and waits until every recipient has the reason
 * its MTA wrote. Run under the sandbox lock ({@code flock /tmp/qctl-sandbox.lock}): the FakeMx
 * ports are fixed and other tests compare whole-queue snapshots. {@link #close()} stops the
 * servers and removes every message it injected (and Exim's bounces of them).
 *
 * <p>Routing (scripts/sandbox.d/postfix-transport, exim.conf.in): {@value #RATELIMIT} → port
 * {@value FakeMx#RATELIMIT_PORT} (421 greeting), {@value #SILENT} → {@value FakeMx#SILENT_PORT}
 * (never answers), {@value #REFUSED} → {@value FakeMx#REFUSED_PORT} (nothing listens),
 * {@value #NXDOMAIN} → host.nxdomain.invalid (does not resolve), {@value #TLS} → {@value FakeMx#TLS_PORT}
 * (STARTTLS breaks; TLS required), {@value #NOTLS} → 2530 with TLS required, every other {@code *.mx.test} →
 * {@value FakeMx#PORT}, which answers RCPT TO per domain ({@link #STANDARD_REPLIES}). Postfix
 * keeps 5xx answers deferred (soft_bounce on its mxtest transport); Exim fails them (a bounce).
 */
final class DiagnoseHarness implements AutoCloseable {
    static final String GREYLIST = "greylist.mx.test";
    static final String QUOTA = "quota.mx.test";
    static final String BLOCKED = "blocked.mx.test";
    static final String BLOCKED4 = "blocked4.mx.test";
    static final String THROTTLED = "throttled.mx.test";
    static final String BUSY = "busy.mx.test";
    static final String UNKNOWN_USER = "unknownuser.mx.test";
    static final String RATELIMIT = "ratelimit.mx.test";
    static final String SILENT = "silent.mx.test";
    static final String REFUSED = "refused.mx.test";
    static final String NXDOMAIN = "nxdomain.mx.test";
    /** TLS required; the server offers STARTTLS and breaks the handshake (port 2534). */
    static final String TLS = "tls.mx.test";
    /** TLS required; the server (port 2530) does not offer STARTTLS. */
    static final String NOTLS = "notls.mx.test";
    /** Postfix: transport mxdead gives up on its destination (refused) after one failure. */
    static final String DEAD = "dead.mx.test";
    /** Exim: routed by a lookup in a file that does not exist. Postfix: an ordinary *.mx.test domain. */
    static final String LOOKUP = "lookup.mx.test";
    /** Postfix: routed to a transport master.cf does not have. Exim: an ordinary *.mx.test domain. */
    static final String UNAVAILABLE = "unavailable.mx.test";
    /** Not in the reply table: FakeMx accepts, the MTAs really deliver (a control). */
    static final String OK = "ok.mx.test";

    /** Replies at RCPT TO on port 2530, modelled on what real servers say. */
    static final Map<String, List<String>> STANDARD_REPLIES = Map.of(
            GREYLIST, List.of("450 4.2.0 {rcpt}: Recipient address rejected: Greylisted, see "
                    + "http://postgrey.schweikert.ch/help/{domain}.html"),
            QUOTA, List.of("452 4.2.2 The email account that you tried to reach is over quota. Please direct",
                    "452 4.2.2 the recipient to",
                    "452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp fakemx.42 - gsmtp"),
            BLOCKED, List.of("554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; "
                    + "https://www.spamhaus.org/query/ip/127.0.0.1"),
            BLOCKED4, List.of("451 4.7.1 Service unavailable; Client host [127.0.0.1] is listed at bl.spamcop.net, "
                    + "see https://www.spamcop.net/bl.shtml?127.0.0.1"),
            THROTTLED, List.of("451 4.7.1 {rcpt}: Recipient address rejected: Rate limit exceeded, "
                    + "please try again later"),
            BUSY, List.of("451 4.7.500 Server busy. Please try again later from [127.0.0.1]. (S77714) [fakemx]"),
            UNKNOWN_USER, List.of("550 5.1.1 {rcpt}: Recipient address rejected: User unknown in virtual mailbox table"));

    /** The greeting of the connection-limit server on port 2531. */
    static final String RATELIMIT_BANNER = "421 4.7.0 mx1.ratelimit.mx.test Too many connections from your IP, "
            + "try again later";

    /** Every domain whose recipients stay deferred on Postfix (soft_bounce included). */
    static final List<String> DEFERRING = List.of(GREYLIST, QUOTA, BLOCKED, BLOCKED4, THROTTLED, BUSY, UNKNOWN_USER,
            RATELIMIT, SILENT, REFUSED, NXDOMAIN);

    private static final long WAIT_MS = 60_000;
    private static final Pattern EXIM_ID = Pattern.compile("^[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}$");

    private final FakeMx mx;
    private final FakeMx ratelimit;
    private final FakeMx silent;
    private final FakeMx tls;
    private final List<String> postfixIds = new ArrayList<>();
    private final List<String> eximIds = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();

    private DiagnoseHarness(Map<String, List<String>> replies) {
        assertNothingListens(FakeMx.REFUSED_PORT);
        List<FakeMx> started = new ArrayList<>();
        try {
            started.add(FakeMx.on(FakeMx.PORT).replies(replies).start());
            started.add(FakeMx.on(FakeMx.RATELIMIT_PORT).banner(RATELIMIT_BANNER).start());
            started.add(FakeMx.on(FakeMx.SILENT_PORT).silent().start());
            started.add(FakeMx.on(FakeMx.TLS_PORT).brokenStartTls().start());
        } catch (RuntimeException e) {
            started.forEach(FakeMx::close);
            throw e;
        }
        this.mx = started.get(0);
        this.ratelimit = started.get(1);
        this.silent = started.get(2);
        this.tls = started.get(3);
    }

    /** The four servers (ports 2530, 2531, 2532, 2534) with the standard reply table. */
    static DiagnoseHarness start() {
        return new DiagnoseHarness(STANDARD_REPLIES);
    }

    /** The four servers; port 2530 answers with {@code replies} (domain → reply lines). */
    static DiagnoseHarness start(Map<String, List<String>> replies) {
        return new DiagnoseHarness(replies);
    }

    FakeMx mx() {
        return mx;
    }

    FakeMx ratelimitMx() {
        return ratelimit;
    }

    /** A new tag; its messages come from {@code TAG@example.org} and go to {@code TAG@domain}. */
    String newTag() {
        String tag = PostfixHarness.newTag();
        remember(tag);
        return tag;
    }

    private void remember(String tag) {
        if (!tags.contains(tag)) {
            tags.add(tag);
        }
    }

    static String sender(String tag) {
        return tag + "@example.org";
    }

    static List<String> recipients(String tag, Collection<String> domains) {
        return domains.stream().map(d -> tag + "@" + d).toList();
    }

    // ---------------------------------------------------------------------------------------------
    // Postfix: sendmail injection, the delivery attempt happens on arrival

    /**
     * Injects one message from TAG@example.org to the recipients and returns its queue ID. At least
     * one recipient must stay queued (a message Postfix delivers at once is never seen here).
     */
    String postfixInject(String tag, List<String> recipients) {
        remember(tag);
        List<String> argv = new ArrayList<>(List.of("/usr/sbin/sendmail", "-f", sender(tag)));
        argv.addAll(recipients);
        Proc.Result r = Proc.run(argv, Map.of(), message(tag, recipients));
        assertThat(r.exit()).as(r.describe()).isZero();
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            // pickup gives the message its queue ID: the one it had in maildrop is not kept; and
            // showq may list a message twice when it moves from incoming to active during the scan
            List<String> ids = PostfixQueue.postqueueJ().stream().filter(n -> PostfixQueue.sender(n).equals(sender(tag))
                    && !n.get("queue_name").asText().equals("maildrop")).map(n -> n.get("queue_id").asText())
                    .filter(id -> !postfixIds.contains(id)).distinct().toList();
            if (!ids.isEmpty()) {
                postfixIds.addAll(ids);
                assertThat(ids).as("Postfix messages from " + sender(tag)).hasSize(1);
                return ids.get(0);
            }
            PostfixHarness.sleep(100);
        }
        throw new AssertionError("Postfix did not queue the message from " + sender(tag));
    }

    /**
     * Waits until the message sits in deferred with a delay reason for each of the recipients
     * (60 s at most) and returns recipient → reason as {@code postqueue -j} reports it. Recipients
     * that were delivered are no longer listed by Postfix and are not waited for.
     */
    Map<String, String> postfixReasons(String id, Collection<String> recipients) {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = PostfixQueue.postqueueJ().stream().filter(n -> n.get("queue_id").asText().equals(id)).findFirst()
                    .orElse(null);
            if (last != null && last.get("queue_name").asText().equals("deferred")) {
                Map<String, String> reasons = new LinkedHashMap<>();
                for (JsonNode r : last.get("recipients")) {
                    if (r.hasNonNull("delay_reason")) {
                        reasons.put(r.get("address").asText(), r.get("delay_reason").asText());
                    }
                }
                if (reasons.keySet().containsAll(recipients)) {
                    return reasons;
                }
            }
            PostfixHarness.sleep(200);
        }
        throw new AssertionError("Postfix message " + id + " did not get a reason for each of " + recipients
                + " within " + WAIT_MS / 1000 + " s: " + last);
    }

    // ---------------------------------------------------------------------------------------------
    // Exim: queue_only, so injection queues and `exim -M` makes the attempt (synchronously)

    /** Queues one message from TAG@example.org to the recipients (no attempt yet); its ID. */
    String eximInject(String tag, List<String> recipients) {
        remember(tag);
        List<String> argv = new ArrayList<>(List.of(EximQueue.bin(), "-C", EximQueue.config(), "-odq", "-f", sender(tag)));
        argv.addAll(recipients);
        Proc.Result r = Proc.run(argv, Map.of(), message(tag, recipients));
        assertThat(r.exit()).as(r.describe()).isZero();
        List<String> ids = EximQueue.bp().values().stream().filter(m -> m.sender().equals(sender(tag)))
                .map(EximQueue.BpMessage::id).filter(id -> !eximIds.contains(id)).toList();
        assertThat(ids).as("Exim messages from " + sender(tag)).hasSize(1);
        eximIds.addAll(ids);
        return ids.get(0);
    }

    /** One delivery attempt now ({@code exim -M ID}, retry times ignored); returns when it is over. */
    void eximDeliver(String id) {
        Proc.Result r = EximQueue.exim("-M", id);
        assertThat(r.exit()).as(r.describe()).isIn(0, 1); // 1: the message is still there (deferred)
    }

    /** What the message log says about one recipient after an attempt: deferred or failed, and the log line. */
    record EximOutcome(String address, boolean failed, String line) {
    }

    /** ADDRESS [<parent>...] R=router [T=transport] rest: a routing or delivery outcome in a msglog. */
    private static final Pattern MSGLOG_OUTCOME = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)? ([^ =:]+@[^ =:]+)(?: <[^>]*>)* R=\\S+(?: T=\\S+)? (.*)$");

    /**
     * The last outcome per recipient in the message log ({@code exim -Mvl ID}). Exim 4.96 writes a
     * deferral as {@code ADDR R=.. T=.. defer (N) ...} and a failure (a 5xx: the recipient is then
     * marked delivered and bounced) as {@code ADDR R=.. T=.. H=..: SMTP error ...}: unlike the main
     * log there is no {@code ==} or {@code **} marker.
     */
    Map<String, EximOutcome> eximOutcomes(String id) {
        Proc.Result r = EximQueue.exim("-Mvl", id);
        assertThat(r.exit()).as(r.describe()).isZero();
        Map<String, EximOutcome> outcomes = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            Matcher m = MSGLOG_OUTCOME.matcher(line);
            if (m.matches() && !m.group(2).contains(" C=\"2")) { // C="250 ...": delivered
                boolean deferred = m.group(2).startsWith("defer (");
                outcomes.put(m.group(1), new EximOutcome(m.group(1), !deferred, line));
            }
        }
        return outcomes;
    }

    /** Injects, makes the attempt and checks each recipient has an outcome; recipient → outcome. */
    Map<String, EximOutcome> eximAttempt(String tag, List<String> recipients) {
        String id = eximInject(tag, recipients);
        eximDeliver(id);
        Map<String, EximOutcome> outcomes = eximOutcomes(id);
        List<String> expected = recipients.stream().filter(rcpt -> !rcpt.endsWith("@" + OK)).toList();
        assertThat(outcomes.keySet()).as("recipients with a logged outcome in the msglog of " + id)
                .containsAll(expected);
        return outcomes;
    }

    /** IDs of the Exim messages this harness injected. */
    List<String> eximIds() {
        return List.copyOf(eximIds);
    }

    List<String> postfixIds() {
        return List.copyOf(postfixIds);
    }

    // ---------------------------------------------------------------------------------------------

    private static byte[] message(String tag, List<String> recipients) {
        String text = "From: " + sender(tag) + "\nTo: " + String.join(", ", recipients) + "\nSubject: " + tag
                + " diagnose harness\nX-Qctl-Test: " + tag + "\n\nqctl diagnose end-to-end test message\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertNothingListens(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            throw new AssertionError("something listens on 127.0.0.1:" + port + ", which must refuse connections");
        } catch (IOException expected) {
            // Connection refused: as it should be
        }
    }

    /** Stops the servers and removes this harness's messages, and Exim's bounces of them. */
    @Override
    public void close() {
        try {
            if (!postfixIds.isEmpty()) {
                List<String> argv = new ArrayList<>(List.of("/usr/sbin/postsuper"));
                postfixIds.forEach(id -> argv.addAll(List.of("-d", id)));
                Proc.run(argv, Map.of(), null);
            }
            if (!eximIds.isEmpty() || !tags.isEmpty()) {
                List<String> remove = new ArrayList<>(eximIds);
                for (EximQueue.BpMessage m : EximQueue.bp().values()) {
                    boolean bounceOfMine = m.sender().isEmpty() && m.recipientsDelivered().keySet().stream()
                            .anyMatch(rcpt -> tags.stream().anyMatch(t -> rcpt.equals(sender(t))));
                    if (bounceOfMine && EXIM_ID.matcher(m.id()).matches()) {
                        remove.add(m.id());
                    }
                }
                if (!remove.isEmpty()) {
                    List<String> argv = new ArrayList<>(List.of(EximQueue.bin(), "-C", EximQueue.config(), "-Mrm"));
                    argv.addAll(remove);
                    Proc.run(argv, Map.of(), null);
                }
            }
        } finally {
            mx.close();
            ratelimit.close();
            silent.close();
            tls.close();
        }
    }
}
