package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every action on the real Postfix, checked with Postfix's own {@code postqueue -j}; each test acts
 * only on messages it injected itself and proves everything else in the queue is untouched.
 */
class PostfixActionsIT {
    private static Path auditLog;

    @BeforeAll
    static void sandbox() throws IOException {
        Sandbox.requirePostfix();
        auditLog = Files.createTempFile("qctl-audit-", ".log");
    }

    private static Proc.Result qctl(String... args) {
        return Proc.qctlWith(Map.of("QCTL_AUDIT_LOG", auditLog.toString()), null, args);
    }

    private static Proc.Result qctlStdin(String stdin, String... args) {
        return Proc.qctlWith(Map.of("QCTL_AUDIT_LOG", auditLog.toString()), stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    private static String queueOf(String id) {
        return PostfixQueue.postqueueJ().stream().filter(n -> n.get("queue_id").asText().equals(id))
                .map(n -> n.get("queue_name").asText()).findFirst().orElse("gone");
    }

    @Test
    void holdAndReleaseByIdAndByFilter() {
        String tag = PostfixHarness.newTag();
        List<String> ids = PostfixHarness.inject(tag, 2);
        Map<String, String> before = PostfixHarness.snapshot();

        Proc.Result hold = qctl("hold", ids.get(0), ids.get(1), "-o", "json");
        assertThat(hold.exit()).as(hold.describe()).isZero();
        JsonNode results = PostfixQueue.parse(hold.stdout());
        assertThat(results.findValuesAsText("result")).containsOnly("ok");
        assertThat(ids).allMatch(id -> queueOf(id).equals("hold"));
        assertThat(PostfixHarness.without(PostfixHarness.snapshot(), ids)).isEqualTo(PostfixHarness.without(before, ids));

        Proc.Result again = qctl("hold", ids.get(0));
        assertThat(again.exit()).as(again.describe()).isZero();
        assertThat(again.stdout()).contains("already on hold");

        Proc.Result release = qctl("release", "--from", tag + "-*@example.org", "--yes");
        assertThat(release.exit()).as(release.describe()).isZero();
        assertThat(ids).allMatch(id -> queueOf(id).equals("deferred"));
        assertThat(PostfixHarness.without(PostfixHarness.snapshot(), ids)).isEqualTo(PostfixHarness.without(before, ids));
        qctl("delete", ids.get(0), ids.get(1));
    }

    @Test
    void deleteByFilterLeavesEverythingElseUntouched() throws IOException {
        String tag = PostfixHarness.newTag();
        List<String> ids = PostfixHarness.inject(tag, 3);
        Map<String, String> before = PostfixHarness.snapshot();

        Proc.Result refused = qctl("delete", "--from", tag + "-*@example.org");
        assertThat(refused.exit()).as(refused.describe()).isEqualTo(2);
        assertThat(refused.stderr()).contains("without --yes");
        assertThat(PostfixHarness.snapshot()).isEqualTo(before);

        Proc.Result dryRun = qctl("delete", "--from", tag + "-*@example.org", "--dry-run", "-o", "ids");
        assertThat(dryRun.exit()).as(dryRun.describe()).isZero();
        assertThat(dryRun.stdout().lines().sorted().toList()).isEqualTo(ids);
        assertThat(dryRun.stderr()).contains("postsuper -d -").contains("3 IDs on stdin");
        assertThat(PostfixHarness.snapshot()).isEqualTo(before);

        Proc.Result delete = qctl("delete", "--from", tag + "-*@example.org", "--yes");
        assertThat(delete.exit()).as(delete.describe()).isZero();
        assertThat(PostfixHarness.messagesOf(tag)).isEmpty();
        assertThat(PostfixHarness.snapshot()).isEqualTo(PostfixHarness.without(before, ids));

        String audit = Files.readString(auditLog);
        assertThat(audit).contains("\"action\":\"delete\"").contains("\"selection\":\"filter\"");
        ids.forEach(id -> assertThat(audit).contains("{\"id\":\"" + id + "\",\"result\":\"ok\"}"));
    }

    @Test
    void idsOnStdinFromList() {
        String tag = PostfixHarness.newTag();
        List<String> ids = PostfixHarness.inject(tag, 2);
        Proc.Result list = qctl("list", "--from", tag + "-*", "-o", "ids");
        Proc.Result delete = qctlStdin(list.stdout(), "delete", "-");
        assertThat(delete.exit()).as(delete.describe()).isZero();
        assertThat(delete.stdout()).contains(ids.get(0)).contains(ids.get(1));
        assertThat(PostfixHarness.messagesOf(tag)).isEmpty();
    }

    @Test
    void hostileAndMalformedIdsRunNothing() {
        String tag = PostfixHarness.newTag();
        List<String> ids = PostfixHarness.inject(tag, 1);
        Map<String, String> before = PostfixHarness.snapshot();
        Path marker = Path.of("/tmp/qctl-it-pwned");
        for (String hostile : List.of("'; touch /tmp/qctl-it-pwned'", "$(touch /tmp/qctl-it-pwned)", "`id`", "A;B")) {
            Proc.Result r = qctl("delete", ids.get(0), hostile);
            assertThat(r.exit()).as(r.describe()).isEqualTo(7);
        }
        Proc.Result viaStdin = qctlStdin(ids.get(0) + "\n$(touch /tmp/qctl-it-pwned)\n", "delete", "-");
        assertThat(viaStdin.exit()).as(viaStdin.describe()).isEqualTo(7);
        assertThat(viaStdin.stderr()).contains("malformed queue ID");
        assertThat(Files.exists(marker)).isFalse();
        assertThat(PostfixHarness.snapshot()).isEqualTo(before);
        qctl("delete", ids.get(0));
    }

    @Test
    void unknownIdsAreReportedWhileTheOthersSucceed() {
        String tag = PostfixHarness.newTag();
        List<String> ids = PostfixHarness.inject(tag, 1);
        Proc.Result r = qctl("hold", ids.get(0), "ABCDEF12345", "-o", "json");
        assertThat(r.exit()).as(r.describe()).isEqualTo(3);
        JsonNode results = PostfixQueue.parse(r.stdout());
        for (JsonNode result : results) {
            String expected = result.get("id").asText().equals(ids.get(0)) ? "ok" : "not-found";
            assertThat(result.get("result").asText()).isEqualTo(expected);
        }
        assertThat(queueOf(ids.get(0))).isEqualTo("hold");
        qctl("delete", ids.get(0));
    }

    @Test
    void requeueGivesANewQueueId() {
        String tag = PostfixHarness.newTag();
        List<String> ids = PostfixHarness.inject(tag, 1);
        Proc.Result r = qctl("requeue", ids.get(0));
        assertThat(r.exit()).as(r.describe()).isZero();
        Proc.run("/usr/sbin/postkick", "public", "pickup", "W");
        List<String> after = PostfixHarness.waitFor(tag, 1, n -> !n.get("queue_id").asText().equals(ids.get(0))
                && !n.get("queue_name").asText().equals("maildrop"));
        assertThat(after.get(0)).isNotEqualTo(ids.get(0));
        qctl("delete", after.get(0));
    }

    @Test
    void bounceReturnsTheMessageToItsSender() {
        String tag = PostfixHarness.newTag();
        List<String> ids = PostfixHarness.inject(tag, 1);
        Proc.Result r = qctl("bounce", ids.get(0));
        assertThat(r.exit()).as(r.describe()).isZero();
        String sender = tag + "-0@example.org";
        long deadline = System.currentTimeMillis() + 60_000;
        List<String> bounces = new ArrayList<>();
        while (System.currentTimeMillis() < deadline && (bounces.isEmpty() || queueOf(ids.get(0)).equals("deferred"))) {
            bounces = PostfixQueue.ids(PostfixQueue.postqueueJ(), n -> PostfixQueue.sender(n).isEmpty()
                    && PostfixQueue.anyRecipient(n, rcpt -> rcpt.get("address").asText().equals(sender)));
            PostfixHarness.sleep(300);
        }
        assertThat(bounces).as("a bounce to " + sender).hasSize(1);
        assertThat(queueOf(ids.get(0))).isEqualTo("gone");
        qctl("delete", bounces.get(0));
    }

    @Test
    void deliverTriesAgainNow() throws IOException {
        String tag = PostfixHarness.newTag();
        List<String> ids = PostfixHarness.inject(tag, 1);
        Path log = Path.of("/var/log/postfix.log");
        long attemptsBefore = attempts(log, ids.get(0));
        Proc.Result r = qctl("deliver", ids.get(0));
        assertThat(r.exit()).as(r.describe()).isZero();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && attempts(log, ids.get(0)) == attemptsBefore) {
            PostfixHarness.sleep(300);
        }
        assertThat(attempts(log, ids.get(0))).isGreaterThan(attemptsBefore);
        qctl("delete", ids.get(0));
    }

    private static long attempts(Path log, String id) throws IOException {
        return Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.contains(id + ": to=<") && l.contains("status=deferred")).count();
    }

    @Test
    void flushAndItsDryRun() {
        Proc.Result dry = qctl("flush", "--dry-run");
        assertThat(dry.exit()).isZero();
        assertThat(dry.stderr()).contains("postqueue -f");
        Proc.Result flush = qctl("flush");
        assertThat(flush.exit()).as(flush.describe()).isZero();
        Proc.Result site = qctl("flush", "--site", "example.com");
        assertThat(site.exit()).as(site.describe()).isZero();
        Proc.Result bad = qctl("flush", "--site", "a;b");
        assertThat(bad.exit()).isEqualTo(2);
        // Let the flushed messages settle back into deferred so later tests see a quiet queue.
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline
                && PostfixQueue.postqueueJ().stream().anyMatch(n -> n.get("queue_name").asText().equals("active"))) {
            PostfixHarness.sleep(200);
        }
    }

    @Test
    void aBulkActionNeedsASelection() {
        Map<String, String> before = PostfixHarness.snapshot();
        Proc.Result r = qctl("delete");
        assertThat(r.exit()).as(r.describe()).isEqualTo(2);
        assertThat(r.stderr()).contains("--all");
        Proc.Result allWithoutYes = qctl("hold", "--all");
        assertThat(allWithoutYes.exit()).isEqualTo(2);
        assertThat(PostfixHarness.snapshot()).isEqualTo(before);
    }

    @Test
    void confirmationOnATerminal() {
        String tag = PostfixHarness.newTag();
        List<String> ids = PostfixHarness.inject(tag, 2);
        String command = Proc.qctlLauncher() + " delete --from '" + tag + "-*@example.org'";
        Map<String, String> env = Map.of("QCTL_AUDIT_LOG", auditLog.toString());

        Proc.Result no = Proc.run(List.of("script", "-qec", command, "/dev/null"), env, "n\n".getBytes(StandardCharsets.UTF_8));
        assertThat(no.stdout()).contains("About to delete without bounce 2 messages").contains("Proceed? [y/N]");
        assertThat(no.exit()).as(no.describe()).isEqualTo(1);
        assertThat(PostfixHarness.messagesOf(tag)).hasSize(2);

        Proc.Result yes = Proc.run(List.of("script", "-qec", command, "/dev/null"), env, "y\n".getBytes(StandardCharsets.UTF_8));
        assertThat(yes.exit()).as(yes.describe()).isZero();
        assertThat(PostfixHarness.messagesOf(tag)).isEmpty();
        assertThat(yes.stdout()).contains(ids.get(0));
    }

    @Test
    void editIsRefusedOnPostfix() {
        String tag = PostfixHarness.newTag();
        List<String> ids = PostfixHarness.inject(tag, 1);
        Map<String, String> before = PostfixHarness.snapshot();
        Proc.Result r = qctl("edit", ids.get(0), "--sender", "other@example.org");
        assertThat(r.exit()).as(r.describe()).isEqualTo(2);
        assertThat(r.stderr()).contains("Postfix cannot edit");
        assertThat(PostfixHarness.snapshot()).isEqualTo(before);
        qctl("delete", ids.get(0));
    }
}
