package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every action on the real Exim, checked with {@code exim -bp} and the message log; each test acts
 * on messages it injected itself and proves the rest of the queue is untouched.
 */
class EximActionsIT {
    private static Path auditLog;

    @BeforeAll
    static void sandbox() throws Exception {
        Sandbox.requireExim();
        auditLog = Files.createTempFile("qctl-audit-", ".log");
    }

    private static Proc.Result qctl(String... args) {
        return Proc.qctlWith(Map.of("QCTL_AUDIT_LOG", auditLog.toString()), null, EximQueue.target(args));
    }

    private static Proc.Result qctlStdin(String stdin, String... args) {
        return Proc.qctlWith(Map.of("QCTL_AUDIT_LOG", auditLog.toString()), stdin.getBytes(StandardCharsets.UTF_8),
                EximQueue.target(args));
    }

    /** Queues messages from TAG-i@example.org (queue only, no delivery yet) and returns their IDs. */
    private static List<String> inject(String tag, int count) {
        for (int i = 0; i < count; i++) {
            String message = "Subject: " + tag + " " + i + "\n\nqctl end-to-end test\n";
            Proc.Result r = Proc.run(List.of(EximQueue.bin(), "-C", EximQueue.config(), "-odq", "-f",
                    tag + "-" + i + "@example.org", "rcpt@" + tag + ".example"), Map.of(), message.getBytes(StandardCharsets.UTF_8));
            assertThat(r.exit()).as(r.describe()).isZero();
        }
        return mine(tag);
    }

    private static List<String> mine(String tag) {
        return EximQueue.bp().values().stream().filter(m -> m.sender().startsWith(tag + "-"))
                .map(EximQueue.BpMessage::id).sorted().toList();
    }

    /** Everything {@code exim -bp} says about each message except its age, which moves on. */
    private static Map<String, String> snapshot() {
        return EximQueue.bp().values().stream().collect(Collectors.toMap(EximQueue.BpMessage::id,
                m -> m.sender() + " " + m.frozen() + " " + m.recipientsDelivered(), (a, b) -> a, TreeMap::new));
    }

    private static Map<String, String> without(Map<String, String> snapshot, List<String> ids) {
        Map<String, String> rest = new TreeMap<>(snapshot);
        ids.forEach(rest::remove);
        return rest;
    }

    private static boolean frozen(String id) {
        EximQueue.BpMessage m = EximQueue.bp().get(id);
        return m != null && m.frozen();
    }

    @Test
    void holdIsFreezeAndReleaseIsThaw() {
        String tag = PostfixHarness.newTag();
        List<String> ids = inject(tag, 2);
        Map<String, String> before = snapshot();
        Proc.Result hold = qctl("hold", ids.get(0), ids.get(1), "-o", "json");
        assertThat(hold.exit()).as(hold.describe()).isZero();
        assertThat(PostfixQueue.parse(hold.stdout()).findValuesAsText("result")).containsOnly("ok");
        assertThat(ids).allMatch(EximActionsIT::frozen);
        assertThat(without(snapshot(), ids)).isEqualTo(without(before, ids));

        Proc.Result listed = qctl("list", "--queue", "hold", "--from", tag + "-*", "-o", "ids");
        assertThat(listed.stdout().lines().sorted().toList()).isEqualTo(ids);

        Proc.Result release = qctl("release", "--from", tag + "-*", "--yes");
        assertThat(release.exit()).as(release.describe()).isZero();
        assertThat(ids).noneMatch(EximActionsIT::frozen);
        qctl("delete", ids.get(0), ids.get(1));
    }

    @Test
    void deleteByFilterWithDryRunFirst() {
        String tag = PostfixHarness.newTag();
        List<String> ids = inject(tag, 3);
        Map<String, String> before = snapshot();
        Proc.Result dry = qctl("delete", "--from", tag + "-*", "--dry-run", "-o", "ids");
        assertThat(dry.exit()).as(dry.describe()).isZero();
        assertThat(dry.stdout().lines().sorted().toList()).isEqualTo(ids);
        assertThat(dry.stderr()).contains("-Mrm");
        assertThat(snapshot()).isEqualTo(before);

        Proc.Result delete = qctl("delete", "--from", tag + "-*", "--yes");
        assertThat(delete.exit()).as(delete.describe()).isZero();
        assertThat(mine(tag)).isEmpty();
        assertThat(snapshot()).isEqualTo(without(before, ids));
    }

    @Test
    void deliverMakesARealAttempt() {
        String tag = PostfixHarness.newTag();
        List<String> ids = inject(tag, 1);
        Proc.Result r = qctl("deliver", ids.get(0));
        assertThat(r.exit()).as(r.describe()).isZero();
        String log = EximQueue.exim("-Mvl", ids.get(0)).stdout();
        assertThat(log).contains("Connection refused");
        Proc.Result listed = qctl("list", "--from", tag + "-*", "-o", "json");
        JsonNode record = PostfixQueue.parse(listed.stdout()).get(0);
        assertThat(record.get("queue").asText()).isEqualTo("deferred");
        assertThat(record.get("recipients").get(0).get("status").asText()).isEqualTo("deferred");
        qctl("delete", ids.get(0));
    }

    @Test
    void bounceReturnsTheMessage() {
        String tag = PostfixHarness.newTag();
        List<String> ids = inject(tag, 1);
        Proc.Result r = qctl("bounce", ids.get(0));
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(EximQueue.bp()).doesNotContainKey(ids.get(0));
        List<String> bounces = EximQueue.bp().values().stream()
                .filter(m -> m.sender().isEmpty() && m.recipientsDelivered().containsKey(tag + "-0@example.org"))
                .map(EximQueue.BpMessage::id).toList();
        assertThat(bounces).hasSize(1);
        qctl("delete", bounces.get(0));
    }

    @Test
    void requeueIsRefusedWithTheAlternative() {
        String tag = PostfixHarness.newTag();
        List<String> ids = inject(tag, 1);
        Proc.Result r = qctl("requeue", ids.get(0));
        assertThat(r.exit()).as(r.describe()).isEqualTo(2);
        assertThat(r.stderr()).contains("Exim has no requeue").contains("qctl deliver");
        assertThat(mine(tag)).isEqualTo(ids);
        qctl("delete", ids.get(0));
    }

    @Test
    void idsOnStdinAndUnknownIds() {
        String tag = PostfixHarness.newTag();
        List<String> ids = inject(tag, 2);
        Proc.Result r = qctlStdin(ids.get(0) + "\n" + ids.get(1) + "\n1xX5tC-00032G-9Z\n", "hold", "-", "-o", "json");
        assertThat(r.exit()).as(r.describe()).isEqualTo(3);
        JsonNode results = PostfixQueue.parse(r.stdout());
        assertThat(results).hasSize(3);
        for (JsonNode result : results) {
            assertThat(result.get("result").asText())
                    .isEqualTo(ids.contains(result.get("id").asText()) ? "ok" : "not-found");
        }
        assertThat(ids).allMatch(EximActionsIT::frozen);
        Proc.Result hostile = qctlStdin(ids.get(0) + "\n$(id)\n", "delete", "-");
        assertThat(hostile.exit()).isEqualTo(7);
        assertThat(mine(tag)).isEqualTo(ids);
        qctl("delete", ids.get(0), ids.get(1));
    }

    @Test
    void flushLeavesHeldMessagesFrozenAndSelectsTheSiteExactly() {
        Proc.Result dry = qctl("flush", "--dry-run");
        assertThat(dry.stderr()).contains(" -qf").doesNotContain("-qff");
        Proc.Result siteDry = qctl("flush", "--site", "example.com", "--dry-run");
        assertThat(siteDry.stderr()).contains("-Rrf '@example\\.com$'");

        String tag = PostfixHarness.newTag();
        String held = injectTo(tag + "-held", "rcpt@" + tag + ".example");
        String exact = injectTo(tag + "-exact", "rcpt@" + tag + ".example");
        String lookalike = injectTo(tag + "-lookalike", "rcpt@x" + tag + ".example.evil");
        Proc.Result hold = qctl("hold", held);
        assertThat(hold.exit()).as(hold.describe()).isZero();
        assertThat(frozen(held)).isTrue();

        Proc.Result site = qctl("flush", "--site", tag + ".example");
        assertThat(site.exit()).as(site.describe()).isZero();
        assertThat(frozen(held)).as("flush --site must not deliver a held (frozen) message").isTrue();
        assertThat(attempts(exact)).as("the site's message was tried").isPositive();
        assertThat(attempts(lookalike)).as("a look-alike domain is another site").isZero();

        Proc.Result all = qctl("flush");
        assertThat(all.exit()).as(all.describe()).isZero();
        assertThat(frozen(held)).as("flush must not deliver a held (frozen) message").isTrue();
        assertThat(attempts(held)).isZero();
        assertThat(attempts(lookalike)).as("a whole-queue flush tries it").isPositive();
        qctl("delete", held, exact, lookalike);
    }

    /** One message from SENDER@example.org to RECIPIENT, queued only; returns its ID. */
    private static String injectTo(String sender, String recipient) {
        Proc.Result r = Proc.run(List.of(EximQueue.bin(), "-C", EximQueue.config(), "-odq", "-f", sender + "@example.org",
                recipient), Map.of(), ("Subject: " + sender + "\n\nqctl flush test\n").getBytes(StandardCharsets.UTF_8));
        assertThat(r.exit()).as(r.describe()).isZero();
        return EximQueue.bp().values().stream().filter(m -> m.sender().equals(sender + "@example.org"))
                .map(EximQueue.BpMessage::id).findFirst().orElseThrow();
    }

    /** Delivery attempts in the message's own log (exim -Mvl): one "defer" line per failed try here. */
    private static long attempts(String id) {
        Proc.Result log = EximQueue.exim("-Mvl", id);
        return log.stdout().lines().filter(l -> l.contains(" defer ") || l.contains("== ")).count();
    }

    @Test
    void editChangesTheEnvelope() {
        String tag = PostfixHarness.newTag();
        List<String> ids = inject(tag, 1);
        String id = ids.get(0);
        Map<String, String> before = snapshot();
        Proc.Result dry = qctl("edit", id, "--sender", tag + "-new@example.org", "--dry-run");
        assertThat(dry.exit()).as(dry.describe()).isZero();
        assertThat(dry.stderr()).contains("-Mes " + id + " " + tag + "-new@example.org");
        assertThat(snapshot()).isEqualTo(before);

        Proc.Result edit = qctl("edit", id, "--sender", tag + "-new@example.org", "--add-recipient", "extra@" + tag + ".example",
                "--mark-delivered", "rcpt@" + tag + ".example");
        assertThat(edit.exit()).as(edit.describe()).isZero();
        EximQueue.BpMessage m = EximQueue.bp().get(id);
        assertThat(m.sender()).isEqualTo(tag + "-new@example.org");
        assertThat(m.recipientsDelivered()).containsEntry("rcpt@" + tag + ".example", true)
                .containsEntry("extra@" + tag + ".example", false);
        assertThat(without(snapshot(), ids)).isEqualTo(without(before, ids));

        Proc.Result hostile = qctl("edit", id, "--sender", "-oXfoo@x.y");
        assertThat(hostile.exit()).isEqualTo(2);
        Proc.Result none = qctl("edit", id);
        assertThat(none.exit()).isEqualTo(2);
        assertThat(EximQueue.bp().get(id).sender()).isEqualTo(tag + "-new@example.org");
        qctl("delete", id);
    }
}
