package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real Docker containers of {@code scripts/containers}: a Postfix and an Exim, each asked with its
 * own tools through {@code docker exec} (the MTA's own view that qctl's must equal), and test mail
 * injected inside with sendmail. Every test acts only on messages from its own tag.
 */
final class Containers {
    // The names scripts/containers gives them (its `env` prints them too).
    static final String POSTFIX = "qctl-postfix";
    static final String EXIM = "qctl-exim";
    static final String STOPPED = "qctl-stopped";
    /** A Postfix container run by Podman (same image). */
    static final String PODMAN = "qctl-podman-postfix";

    private Containers() {
    }

    /** Skips (or with QCTL_REQUIRE_SANDBOX=1 fails) unless both containers run. */
    static void require() {
        boolean up = running(POSTFIX) && running(EXIM) && running(PODMAN);
        if ("1".equals(System.getenv("QCTL_REQUIRE_SANDBOX"))) {
            if (!up) {
                fail("the sandbox's containers do not run (scripts/containers up), and QCTL_REQUIRE_SANDBOX=1");
            }
        } else {
            assumeTrue(up, "the sandbox's containers do not run (scripts/containers up)");
        }
    }

    static boolean running(String container) {
        try {
            Process p = new ProcessBuilder(container.equals(PODMAN) ? "podman" : "docker", "inspect", "-f", "{{.State.Running}}", container)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && out.equals("true");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Proc.Result exec(String container, String... argv) {
        return execWith(container, null, argv);
    }

    static Proc.Result execWith(String container, byte[] stdin, String... argv) {
        List<String> all = new ArrayList<>(List.of(container.equals(PODMAN) ? "podman" : "docker", "exec", "-i", container));
        all.addAll(List.of(argv));
        return Proc.run(all, Map.of(), stdin);
    }

    /** {@code postqueue -j} inside the Postfix container: one JSON object per message. */
    static List<JsonNode> postqueueJ() {
        return postqueueJ(POSTFIX);
    }

    static List<JsonNode> postqueueJ(String container) {
        Proc.Result r = exec(container, "postqueue", "-j");
        assertThat(r.exit()).as(r.describe()).isZero();
        List<JsonNode> records = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isBlank()) {
                records.add(PostfixQueue.parse(line));
            }
        }
        return records;
    }

    /** Mail from TAG-i@example.org to a remote domain, injected inside with sendmail; the queue IDs, sorted. */
    static List<String> injectPostfix(String tag, int count) {
        return injectPostfix(POSTFIX, tag, count);
    }

    static List<String> injectPostfix(String container, String tag, int count) {
        for (int i = 0; i < count; i++) {
            Proc.Result r = execWith(container, message(tag, i), "/usr/sbin/sendmail", "-f", sender(tag, i), "rcpt@" + tag + ".example");
            assertThat(r.exit()).as(r.describe()).isZero();
        }
        return waitForPostfix(container, tag, count, n -> n.get("queue_name").asText().equals("deferred"));
    }

    static List<String> waitForPostfix(String container, String tag, int count, Predicate<JsonNode> state) {
        long deadline = System.currentTimeMillis() + 60_000;
        List<JsonNode> mine = List.of();
        while (System.currentTimeMillis() < deadline) {
            mine = postqueueJ(container).stream().filter(n -> n.get("sender").asText().startsWith(tag + "-")).toList();
            if (mine.size() == count && mine.stream().allMatch(state)) {
                return mine.stream().map(n -> n.get("queue_id").asText()).sorted().toList();
            }
            PostfixHarness.sleep(300);
        }
        throw new AssertionError("messages of " + tag + " did not reach the expected state: " + mine);
    }

    /** id → queue, sender, arrival, recipients: everything an action could change. */
    static Map<String, String> postfixSnapshot() {
        Map<String, String> state = new TreeMap<>();
        for (JsonNode n : postqueueJ()) {
            state.put(n.get("queue_id").asText(), n.get("queue_name").asText() + " " + n.get("sender").asText() + " "
                    + n.get("arrival_time").asLong() + " " + n.get("recipients"));
        }
        return state;
    }

    static String postfixQueueOf(String id) {
        return postfixQueueOf(POSTFIX, id);
    }

    static String postfixQueueOf(String container, String id) {
        return postqueueJ(container).stream().filter(n -> n.get("queue_id").asText().equals(id))
                .map(n -> n.get("queue_name").asText()).findFirst().orElse("gone");
    }

    /** Exim in its container: messages to a remote domain, each tried once (deferred) on arrival. */
    static List<String> injectExim(String tag, int count) {
        for (int i = 0; i < count; i++) {
            Proc.Result r = execWith(EXIM, message(tag, i), "/usr/sbin/exim4", "-odf", "-f", sender(tag, i),
                    "rcpt@" + tag + ".example");
            assertThat(r.exit()).as(r.describe()).isZero();
        }
        List<String> ids = eximBp().values().stream().filter(m -> m.sender().startsWith(tag + "-"))
                .map(EximQueue.BpMessage::id).sorted().toList();
        assertThat(ids).hasSize(count);
        return ids;
    }

    static Map<String, EximQueue.BpMessage> eximBp() {
        Proc.Result r = exec(EXIM, "exim4", "-bp");
        assertThat(r.exit()).as(r.describe()).isZero();
        return EximQueue.parseBp(r.stdout());
    }

    /**
     * The size column of {@code exim -bp} by ID, as Exim prints it: exact bytes below 1K (the tests'
     * messages are smaller), rounded above ("2.9K", "5.0M").
     */
    static Map<String, String> eximBpSizes() {
        Proc.Result r = exec(EXIM, "exim4", "-bp");
        assertThat(r.exit()).as(r.describe()).isZero();
        Map<String, String> sizes = new LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*\\d+[smhdw]\\s+(\\S+)\\s+(\\S+)\\s+<")
                .matcher(r.stdout());
        while (m.find()) {
            sizes.put(m.group(2), m.group(1));
        }
        return sizes;
    }

    static String sender(String tag, int i) {
        return tag + "-" + i + "@example.org";
    }

    private static byte[] message(String tag, int i) {
        return ("From: " + sender(tag, i) + "\nTo: rcpt@" + tag + ".example\nSubject: " + tag + " " + i
                + "\n\nqctl container test message " + i + "\n" + "x".repeat(100 * i) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A config file naming the containers as hosts, and a home of its own for qctl (no ~/.ssh of the tester). */
    static Path config(Path home, String yaml) throws IOException {
        Path config = home.resolve("config.yaml");
        Files.writeString(config, yaml);
        return config;
    }
}
