package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Puts test messages of its own into the real Postfix (so action tests never touch the seeded
 * samples or each other) and takes snapshots of the whole queue to prove what changed.
 */
final class PostfixHarness {
    private PostfixHarness() {
    }

    /** A tag unique to one test: its messages come from {@code TAG-n@example.org}. */
    static String newTag() {
        return "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Injects messages from TAG-i@example.org to a remote address and waits until all are deferred. */
    static List<String> inject(String tag, int count) {
        for (int i = 0; i < count; i++) {
            String message = "From: " + tag + "-" + i + "@example.org\nTo: rcpt@" + tag + ".example\nSubject: " + tag
                    + " " + i + "\n\nqctl end-to-end test message " + i + "\n";
            Proc.Result r = Proc.run(List.of("/usr/sbin/sendmail", "-f", tag + "-" + i + "@example.org",
                    "rcpt@" + tag + ".example"), Map.of(), message.getBytes(StandardCharsets.UTF_8));
            assertThat(r.exit()).as(r.describe()).isZero();
        }
        return waitFor(tag, count, n -> n.get("queue_name").asText().equals("deferred"));
    }

    /** The IDs of TAG's messages once {@code count} of them satisfy {@code state} (60 s at most). */
    static List<String> waitFor(String tag, int count, Predicate<JsonNode> state) {
        long deadline = System.currentTimeMillis() + 60_000;
        List<JsonNode> mine = List.of();
        while (System.currentTimeMillis() < deadline) {
            mine = messagesOf(tag);
            if (mine.size() == count && mine.stream().allMatch(state)) {
                return mine.stream().map(n -> n.get("queue_id").asText()).sorted().toList();
            }
            sleep(300);
        }
        throw new AssertionError("messages of " + tag + " did not reach the expected state: " + mine);
    }

    static List<JsonNode> messagesOf(String tag) {
        return PostfixQueue.postqueueJ().stream()
                .filter(n -> PostfixQueue.sender(n).startsWith(tag + "-")).toList();
    }

    /** id → queue, sender, arrival, recipients and reasons: everything an action could change. */
    static Map<String, String> snapshot() {
        Map<String, String> state = new TreeMap<>();
        for (JsonNode n : PostfixQueue.postqueueJ()) {
            state.put(n.get("queue_id").asText(), n.get("queue_name").asText() + " " + n.get("sender").asText() + " "
                    + n.get("arrival_time").asLong() + " " + n.get("recipients"));
        }
        return state;
    }

    /** A snapshot without the given IDs and without mail the tests themselves cause (bounces to test senders). */
    static Map<String, String> without(Map<String, String> snapshot, List<String> ids) {
        Map<String, String> rest = new TreeMap<>(snapshot);
        ids.forEach(rest::remove);
        return rest;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
