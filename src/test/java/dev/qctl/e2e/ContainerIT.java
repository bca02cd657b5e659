package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * qctl against a real Postfix and a real Exim in Docker containers on this machine ({@code -H
 * docker:NAME}), checked with each MTA's own tools run through {@code docker exec}. Needs no sandbox
 * lock: only the containers of {@code scripts/containers} are touched, and only the messages each
 * test injected there.
 */
class ContainerIT {
    private static final String PF = "docker:" + Containers.POSTFIX;
    private static final String EX = "docker:" + Containers.EXIM;

    @BeforeAll
    static void containers() {
        Containers.require();
    }

    /** {@code qctl("-H", T, "list", ...)} runs {@code qctl list -H T ...}: -H belongs to the command. */
    private static Proc.Result qctl(String... args) {
        if (args.length > 2 && args[0].equals("-H")) {
            String[] moved = args.clone();
            moved[0] = args[2];
            moved[1] = "-H";
            moved[2] = args[1];
            return Proc.qctl(moved);
        }
        return Proc.qctl(args);
    }

    private static JsonNode json(Proc.Result r) {
        assertThat(r.exit()).as(r.describe()).isZero();
        return PostfixQueue.parse(r.stdout());
    }

    @Test
    void postfixListEqualsPostqueueInsideTheContainer() {
        String tag = PostfixHarness.newTag();
        List<String> ids = Containers.injectPostfix(tag, 3);
        Map<String, JsonNode> own = Containers.postqueueJ().stream()
                .collect(Collectors.toMap(n -> n.get("queue_id").asText(), n -> n));
        JsonNode listed = json(qctl("-H", PF, "list", "-o", "json"));
        assertThat(listed.size()).isEqualTo(own.size());
        assertThat(listed.findValuesAsText("id")).containsAll(ids);
        for (JsonNode n : listed) {
            JsonNode expected = own.get(n.get("id").asText());
            assertThat(expected).as("postqueue -j in the container has " + n.get("id")).isNotNull();
            assertThat(n.get("host").asText()).isEqualTo(PF);
            assertThat(n.get("mta").asText()).isEqualTo("postfix");
            assertThat(n.get("queue").asText()).isEqualTo(expected.get("queue_name").asText());
            assertThat(n.get("sender").asText()).isEqualTo(PostfixQueue.sender(expected));
            assertThat(n.get("size").asLong()).isEqualTo(expected.get("message_size").asLong());
            assertThat(n.get("recipients").findValuesAsText("address"))
                    .isEqualTo(expected.get("recipients").findValuesAsText("address"));
            assertThat(n.get("recipients").findValuesAsText("reason"))
                    .isEqualTo(expected.get("recipients").findValuesAsText("delay_reason"));
        }
        deletePostfix(ids);
    }

    @Test
    void postfixShowRawIsByteIdentical() {
        String tag = PostfixHarness.newTag();
        List<String> ids = Containers.injectPostfix(tag, 2);
        for (String id : ids) {
            Proc.Result raw = qctl("-H", PF, "show", id, "--raw");
            assertThat(raw.exit()).as(raw.describe()).isZero();
            byte[] own = Containers.exec(Containers.POSTFIX, "postcat", "-bh", "-q", id).stdoutBytes();
            assertThat(raw.stdoutBytes()).isEqualTo(own);
            assertThat(new String(own, java.nio.charset.StandardCharsets.UTF_8)).contains("Subject: " + tag);
        }
        Proc.Result unknown = qctl("-H", PF, "show", "ABCDEF12345");
        assertThat(unknown.exit()).as(unknown.describe()).isEqualTo(6);
        deletePostfix(ids);
    }

    @Test
    void postfixActionsChangeExactlyTheSelectedMessages() {
        String tag = PostfixHarness.newTag();
        List<String> ids = Containers.injectPostfix(tag, 3);
        Map<String, String> before = Containers.postfixSnapshot();

        Proc.Result hold = qctl("-H", PF, "hold", ids.get(0), ids.get(1));
        assertThat(hold.exit()).as(hold.describe()).isZero();
        assertThat(Containers.postfixQueueOf(ids.get(0))).isEqualTo("hold");
        assertThat(Containers.postfixQueueOf(ids.get(1))).isEqualTo("hold");
        assertThat(without(Containers.postfixSnapshot(), ids.subList(0, 2))).isEqualTo(without(before, ids.subList(0, 2)));

        String firstSender = Containers.postqueueJ().stream().filter(n -> n.get("queue_id").asText().equals(ids.get(0)))
                .map(n -> n.get("sender").asText()).findFirst().orElseThrow();
        Proc.Result release = qctl("-H", PF, "release", "--from", firstSender, "--yes");
        assertThat(release.exit()).as(release.describe()).isZero();
        assertThat(Containers.postfixQueueOf(ids.get(0))).isEqualTo("deferred");
        assertThat(Containers.postfixQueueOf(ids.get(1))).isEqualTo("hold");

        long attempts = attempts(ids.get(2));
        Proc.Result deliver = qctl("-H", PF, "deliver", ids.get(2));
        assertThat(deliver.exit()).as(deliver.describe()).isZero();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && attempts(ids.get(2)) == attempts) {
            PostfixHarness.sleep(300);
        }
        assertThat(attempts(ids.get(2))).as("a new delivery attempt in the container's log").isGreaterThan(attempts);

        Map<String, String> beforeDelete = Containers.postfixSnapshot();
        Proc.Result delete = qctl("-H", PF, "delete", ids.get(1));
        assertThat(delete.exit()).as(delete.describe()).isZero();
        assertThat(Containers.postfixQueueOf(ids.get(1))).isEqualTo("gone");
        assertThat(Containers.postfixSnapshot()).isEqualTo(without(beforeDelete, List.of(ids.get(1))));
        deletePostfix(List.of(ids.get(0), ids.get(2)));
    }

    /** Delivery attempts of one message in the container's Postfix log. */
    private static long attempts(String id) {
        Proc.Result log = Containers.exec(Containers.POSTFIX, "cat", "/var/log/postfix.log");
        return log.stdout().lines().filter(l -> l.contains(id + ": to=<") && l.contains("status=deferred")).count();
    }

    @Test
    void diagnoseSummaryAndCheckWorkInTheContainer() {
        String tag = PostfixHarness.newTag();
        List<String> ids = Containers.injectPostfix(tag, 2);
        JsonNode diagnosis = json(qctl("-H", PF, "diagnose", "--from", tag + "-*@example.org", "-o", "json"));
        assertThat(diagnosis.toString()).contains("destination-unreachable");
        Proc.Result check = qctl("-H", PF, "check", "--from", tag + "-*@example.org", "-w", "1", "-c", "5");
        assertThat(check.exit()).as(check.describe()).isEqualTo(1);
        assertThat(check.stdout()).startsWith("QUEUE WARNING").contains("total=2");
        JsonNode summary = json(qctl("-H", PF, "summary", "--from", tag + "-*@example.org", "-o", "json"));
        assertThat(summary.toString()).contains("\"messages\":2");
        deletePostfix(ids);
    }

    @Test
    void eximListShowAndActionsInTheContainer() {
        String tag = PostfixHarness.newTag();
        List<String> ids = Containers.injectExim(tag, 3);
        Map<String, EximQueue.BpMessage> bp = Containers.eximBp();
        Map<String, String> sizes = Containers.eximBpSizes();
        JsonNode listed = json(qctl("-H", EX, "list", "-o", "json"));
        assertThat(listed.size()).isEqualTo(bp.size());
        for (JsonNode n : listed) {
            EximQueue.BpMessage expected = bp.get(n.get("id").asText());
            assertThat(expected).as("exim -bp in the container has " + n.get("id")).isNotNull();
            assertThat(n.get("mta").asText()).isEqualTo("exim");
            assertThat(n.get("sender").asText()).isEqualTo(expected.sender());
            assertThat(n.get("frozen").asBoolean()).isEqualTo(expected.frozen());
            if (ids.contains(n.get("id").asText())) {
                assertThat(n.get("size").asText()).as("exact below 1K").isEqualTo(sizes.get(n.get("id").asText()));
            }
            Map<String, Boolean> delivered = new HashMap<>();
            n.get("recipients").forEach(r -> delivered.put(r.get("address").asText(),
                    r.get("status").asText().equals("delivered")));
            assertThat(delivered).isEqualTo(expected.recipientsDelivered());
        }
        Proc.Result raw = qctl("-H", EX, "show", ids.get(1), "--raw");
        assertThat(raw.exit()).as(raw.describe()).isZero();
        String body = Containers.exec(Containers.EXIM, "exim4", "-Mvb", ids.get(1)).stdout();
        assertThat(raw.stdout()).contains("Subject: " + tag + " 1\n").endsWith("\n\n" + body.substring(body.indexOf('\n') + 1));

        Map<String, EximQueue.BpMessage> before = Containers.eximBp();
        Proc.Result hold = qctl("-H", EX, "hold", ids.get(0));
        assertThat(hold.exit()).as(hold.describe()).isZero();
        assertThat(Containers.eximBp().get(ids.get(0)).frozen()).isTrue();
        assertThat(EximQueue.without(Containers.eximBp(), List.of(ids.get(0)))).isEqualTo(EximQueue.without(before, List.of(ids.get(0))));
        Proc.Result release = qctl("-H", EX, "release", ids.get(0));
        assertThat(release.exit()).as(release.describe()).isZero();
        assertThat(Containers.eximBp().get(ids.get(0)).frozen()).isFalse();

        Proc.Result deliver = qctl("-H", EX, "deliver", ids.get(2));
        assertThat(deliver.exit()).as(deliver.describe()).isIn(0, 3);
        assertThat(Containers.exec(Containers.EXIM, "exim4", "-Mvl", ids.get(2)).stdout()
                .lines().filter(l -> l.contains("Connection refused")).count()).as("tried twice").isGreaterThanOrEqualTo(2);

        Map<String, EximQueue.BpMessage> beforeDelete = Containers.eximBp();
        Proc.Result delete = qctl("-H", EX, "delete", ids.get(0), ids.get(1), ids.get(2));
        assertThat(delete.exit()).as(delete.describe()).isZero();
        assertThat(Containers.eximBp()).isEqualTo(EximQueue.without(beforeDelete, ids));
    }

    @Test
    void podmanListActionsAndAStoppedContainer() {
        String pm = "podman:" + Containers.PODMAN;
        String tag = PostfixHarness.newTag();
        List<String> ids = Containers.injectPostfix(Containers.PODMAN, tag, 2);
        Map<String, JsonNode> own = Containers.postqueueJ(Containers.PODMAN).stream()
                .collect(Collectors.toMap(n -> n.get("queue_id").asText(), n -> n));
        JsonNode listed = json(qctl("-H", pm, "list", "-o", "json"));
        assertThat(listed.size()).isEqualTo(own.size());
        for (JsonNode n : listed) {
            JsonNode expected = own.get(n.get("id").asText());
            assertThat(expected).isNotNull();
            assertThat(n.get("host").asText()).isEqualTo(pm);
            assertThat(n.get("sender").asText()).isEqualTo(PostfixQueue.sender(expected));
            assertThat(n.get("size").asLong()).isEqualTo(expected.get("message_size").asLong());
        }
        Proc.Result hold = qctl("-H", pm, "hold", ids.get(0));
        assertThat(hold.exit()).as(hold.describe()).isZero();
        assertThat(Containers.postfixQueueOf(Containers.PODMAN, ids.get(0))).isEqualTo("hold");
        assertThat(Containers.postfixQueueOf(Containers.PODMAN, ids.get(1))).isEqualTo("deferred");
        Proc.Result delete = qctl("-H", pm, "delete", ids.get(0), ids.get(1));
        assertThat(delete.exit()).as(delete.describe()).isZero();
        assertThat(Containers.postqueueJ(Containers.PODMAN)).noneMatch(n -> ids.contains(n.get("queue_id").asText()));

        Proc.Result missing = qctl("-H", "podman:qctl-no-such-container", "list");
        assertThat(missing.exit()).as(missing.describe()).isEqualTo(4);
        assertThat(missing.stderr()).startsWith("qctl: no container qctl-no-such-container on this machine").hasLineCount(1);
        try {
            assertThat(Proc.run("podman", "stop", "-t", "1", Containers.PODMAN).exit()).isZero();
            Proc.Result stopped = qctl("-H", pm, "list");
            assertThat(stopped.exit()).as(stopped.describe()).isEqualTo(4);
            assertThat(stopped.stderr().strip()).isEqualTo("qctl: container " + Containers.PODMAN
                    + " on this machine is not running: start it with 'podman start " + Containers.PODMAN + "'");
        } finally {
            Proc.run("podman", "start", Containers.PODMAN);
        }
    }

    @Test
    void stoppedMissingAndMalformedContainers() throws java.io.IOException {
        Proc.Result stopped = qctl("-H", "docker:" + Containers.STOPPED, "list");
        assertThat(stopped.exit()).as(stopped.describe()).isEqualTo(4);
        assertThat(stopped.stderr().strip()).isEqualTo("qctl: container " + Containers.STOPPED
                + " on this machine is not running: start it with 'docker start " + Containers.STOPPED + "'");

        JsonNode check = PostfixQueue.parse(qctl("hosts", "check", "-H", "docker:" + Containers.STOPPED, "-o", "json").stdout());
        assertThat(check.get(0).get("reachable").asBoolean()).isFalse();
        assertThat(check.get(0).get("error").asText()).contains("is not running");

        Proc.Result missing = qctl("-H", "docker:qctl-no-such-container", "list");
        assertThat(missing.exit()).as(missing.describe()).isEqualTo(4);
        assertThat(missing.stderr()).startsWith("qctl: no container qctl-no-such-container on this machine")
                .hasLineCount(1);

        Proc.Result malformed = qctl("-H", "docker:--privileged", "list");
        assertThat(malformed.exit()).as(malformed.describe()).isEqualTo(2);
        assertThat(malformed.stderr()).contains("invalid container target 'docker:--privileged'").hasLineCount(1);

        Proc.Result noRuntime = Proc.qctlWith(Map.of("PATH", pathWithout("docker").toString()), null, "list", "-H", "docker:x");
        assertThat(noRuntime.exit()).as(noRuntime.describe()).isEqualTo(4);
        assertThat(noRuntime.stderr().strip()).isEqualTo("qctl: docker is not installed on this machine (no 'docker' on the PATH)");
    }

    @Test
    void hostsCheckFindsTheContainersThatRunAnMta() {
        JsonNode check = json(qctl("hosts", "check", "-H", "local", "-o", "json"));
        JsonNode containers = check.get(0).get("containers");
        assertThat(containers).as(check.toString()).isNotNull();
        Map<String, String> found = new HashMap<>();
        containers.forEach(c -> found.put(c.get("container").asText(), c.get("mta").asText() + " " + c.get("found_by").asText()
                + " " + c.get("use").asText()));
        assertThat(found).containsEntry(PF, "postfix process -H " + PF).containsEntry(EX, "exim process -H " + EX)
                .containsEntry("podman:" + Containers.PODMAN, "postfix process -H podman:" + Containers.PODMAN)
                .doesNotContainKey("docker:" + Containers.STOPPED);

        Proc.Result inContainer = qctl("hosts", "check", "-H", PF);
        assertThat(inContainer.exit()).as(inContainer.describe()).isZero();
        assertThat(inContainer.stdout()).contains(PF).contains("postfix").contains("readable");
    }

    /** A PATH directory with every program of /usr/local/bin, /usr/bin and /bin but one (the launcher needs the rest). */
    private static java.nio.file.Path pathWithout(String program) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("qctl-path-");
        for (String bin : List.of("/usr/local/bin", "/usr/bin", "/bin")) {
            try (var files = java.nio.file.Files.list(java.nio.file.Path.of(bin))) {
                for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                    java.nio.file.Path link = dir.resolve(f.getFileName().toString());
                    if (!f.getFileName().toString().equals(program) && !java.nio.file.Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        java.nio.file.Files.createSymbolicLink(link, f);
                    }
                }
            }
        }
        return dir;
    }

    private static Map<String, String> without(Map<String, String> snapshot, List<String> ids) {
        return PostfixHarness.without(snapshot, ids);
    }

    private static void deletePostfix(List<String> ids) {
        for (String id : ids) {
            Containers.exec(Containers.POSTFIX, "postsuper", "-d", id);
        }
    }
}
