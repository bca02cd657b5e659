package dev.qctl.e2e;

import static dev.qctl.e2e.SandboxFleet.host;
import static dev.qctl.e2e.SandboxFleet.key;
import static dev.qctl.e2e.SandboxFleet.knownHosts;
import static dev.qctl.e2e.SandboxFleet.sshPort;
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
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fleet commands over the sandbox's real sshd: two configured hosts on the same server, one
 * Postfix and one Exim, plus hosts that cannot be reached. Every test acts only on messages it
 * injected itself. qctl runs with its own home directory, so the tester's ~/.ssh and ~/.config
 * never take part, and without an agent.
 */
class FleetIT {
    private static Path home;
    private static Path config;
    private static UnreachablePorts unreachable;

    @BeforeAll
    static void setUp() throws IOException {
        Sandbox.requirePostfix();
        Sandbox.requireExim();
        dev.qctl.exec.ssh.SshSandboxAccess.require();
        home = Files.createTempDirectory("qctl-fleet-home-");
        unreachable = UnreachablePorts.open();
        Path emptyKnownHosts = Files.writeString(home.resolve("empty_known_hosts"), "");
        Path otherKey = Files.writeString(home.resolve("changed_known_hosts"), "[127.0.0.1]:" + sshPort()
                + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBqRI9ZkN/ZHrTd0Wv2m8WcB6YS9T4u0OxYt5hWbZqx1\n");
        config = Files.writeString(home.resolve("config.yaml"), String.join("\n",
                "defaults:",
                "  parallel: 8",
                "hosts:",
                SandboxFleet.postfixAndExim() + host("closed", unreachable.closed(), key(), knownHosts()) + "    mta: postfix",
                host("silent", unreachable.silent(), key(), knownHosts()) + "    mta: postfix",
                host("unknownkey", sshPort(), key(), emptyKnownHosts.toString()) + "    mta: postfix",
                host("changedkey", sshPort(), key(), otherKey.toString()) + "    mta: postfix",
                host("encrypted", sshPort(), Sandbox.get("QCTL_SANDBOX_SSH_KEY_ENC"), knownHosts()) + "    mta: postfix",
                host("norule", sshPort(), key(), knownHosts()) + "    mta: exim",
                "    exim_bin: /usr/bin/true",
                "groups:",
                "  both: [pf, ex]",
                ""));
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (unreachable != null) {
            unreachable.close();
        }
    }

    /** qctl with the test's config and home, no agent. */
    private static Proc.Result qctl(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(SandboxFleet.env(home, config));
        env.putAll(extraEnv);
        return Proc.qctlWith(env, null, args);
    }

    private static Proc.Result qctl(String... args) {
        return qctl(Map.of(), args);
    }

    /** The local qctl on the sandbox Exim (the oracle for the Exim host over SSH). */
    private static Proc.Result localExim(String... args) {
        return Proc.qctlWith(Map.of("JAVA_OPTS", "-Duser.home=" + home), null, EximQueue.target(args));
    }

    private static Proc.Result localPostfix(String... args) {
        return Proc.qctlWith(Map.of("JAVA_OPTS", "-Duser.home=" + home), null, args);
    }

    private static void injectExim(String tag, int count) {
        for (int i = 0; i < count; i++) {
            Proc.Result r = Proc.run(List.of(EximQueue.bin(), "-C", EximQueue.config(), "-odq", "-f",
                    tag + "-" + i + "@example.org", "rcpt@" + tag + ".example"), Map.of(),
                    ("Subject: " + tag + " " + i + "\n\nqctl fleet test\n").getBytes(StandardCharsets.UTF_8));
            assertThat(r.exit()).as(r.describe()).isZero();
        }
    }

    /** id → everything but the age (which moves on between two listings). */
    private static Map<String, String> byId(JsonNode records) {
        Map<String, String> result = new TreeMap<>();
        for (JsonNode n : records) {
            JsonNode copy = n.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("age_seconds");
            result.put(n.get("id").asText(), copy.toString());
        }
        return result;
    }

    private static JsonNode json(Proc.Result r) {
        return PostfixQueue.parse(r.stdout());
    }

    private static void deleteMine(String tag) {
        qctl("delete", "-H", "@both", "--from", tag + "-*", "--yes", "-q");
    }

    @Test
    void listReadsBothMtasWithTheirHostsAndMatchesTheLocalListing() {
        String tag = PostfixHarness.newTag();
        try {
            PostfixHarness.inject(tag, 2);
            injectExim(tag, 2);
            Proc.Result r = qctl("list", "-H", "@both", "--from", tag + "-*", "-o", "json");
            assertThat(r.exit()).as(r.describe()).isZero();
            JsonNode all = json(r);
            assertThat(all).hasSize(4);
            List<JsonNode> pf = new ArrayList<>();
            List<JsonNode> ex = new ArrayList<>();
            all.forEach(n -> (n.get("host").asText().equals("pf") ? pf : ex).add(n));
            assertThat(pf).hasSize(2).allMatch(n -> n.get("mta").asText().equals("postfix"));
            assertThat(ex).hasSize(2).allMatch(n -> n.get("host").asText().equals("ex") && n.get("mta").asText().equals("exim"));
            // Host by host, in the order given: the Postfix host first.
            assertThat(all.get(0).get("host").asText()).isEqualTo("pf");

            JsonNode localPf = json(localPostfix("list", "--from", tag + "-*", "-o", "json"));
            JsonNode localEx = json(localExim("list", "--from", tag + "-*", "-o", "json"));
            assertThat(byId(PostfixQueue.JSON.valueToTree(pf)).values().stream().map(s -> s.replace("\"host\":\"pf\"", "\"host\":\"local\"")).toList())
                    .isEqualTo(byId(localPf).values().stream().toList());
            assertThat(byId(PostfixQueue.JSON.valueToTree(ex)).values().stream().map(s -> s.replace("\"host\":\"ex\"", "\"host\":\"local\"")).toList())
                    .isEqualTo(byId(localEx).values().stream().toList());

            Proc.Result table = qctl("list", "-H", "pf,ex", "--from", tag + "-*");
            assertThat(table.stdout()).startsWith("HOST");
        } finally {
            deleteMine(tag);
        }
    }

    @Test
    void showAndSummaryOverSshEqualLocal() {
        String tag = PostfixHarness.newTag();
        try {
            List<String> pfIds = PostfixHarness.inject(tag, 1);
            injectExim(tag, 1);
            String exId = PostfixQueue.idsOf(json(localExim("list", "--from", tag + "-*", "-o", "json"))).get(0);

            Proc.Result remote = qctl("show", "-H", "pf", pfIds.get(0), "--raw");
            assertThat(remote.exit()).as(remote.describe()).isZero();
            assertThat(remote.stdout()).isEqualTo(localPostfix("show", pfIds.get(0), "--raw").stdout());

            Proc.Result found = qctl("show", "-H", "@both", exId, "--raw");
            assertThat(found.exit()).as(found.describe()).isZero();
            assertThat(found.stderr()).contains(exId + " is on ex");
            assertThat(found.stdout()).isEqualTo(localExim("show", exId, "--raw").stdout());

            Proc.Result summary = qctl("summary", "-H", "pf", "--from", tag + "-*", "-o", "json");
            assertThat(summary.exit()).as(summary.describe()).isZero();
            JsonNode local = json(localPostfix("summary", "--from", tag + "-*", "-o", "json"));
            assertThat(json(summary).get("queues")).isEqualTo(local.get("queues"));
            assertThat(json(summary).get("messages")).isEqualTo(local.get("messages"));

            Proc.Result both = qctl("summary", "-H", "@both", "--from", tag + "-*", "-o", "json");
            assertThat(both.exit()).as(both.describe()).isZero();
            assertThat(json(both).get("total").get("messages").asLong()).isEqualTo(2);
            assertThat(json(both).get("hosts").findValuesAsText("host")).containsExactly("pf", "ex");
        } finally {
            deleteMine(tag);
        }
    }

    @Test
    void actionsOverSshOnBothMtas() {
        String tag = PostfixHarness.newTag();
        try {
            List<String> pfIds = PostfixHarness.inject(tag, 2);
            injectExim(tag, 2);
            Proc.Result dry = qctl("hold", "-H", "@both", "--from", tag + "-*", "--dry-run", "-o", "json");
            assertThat(dry.exit()).as(dry.describe()).isZero();
            assertThat(json(dry)).hasSize(4);
            assertThat(dry.stderr()).contains("pf: would put on hold 2 messages", "ex: would");

            Proc.Result hold = qctl("hold", "-H", "@both", "--from", tag + "-*", "--yes", "-o", "json");
            assertThat(hold.exit()).as(hold.describe()).isZero();
            assertThat(json(hold).findValuesAsText("result")).hasSize(4).containsOnly("ok");
            assertThat(json(hold).findValuesAsText("host")).containsExactly("pf", "pf", "ex", "ex");
            JsonNode held = json(qctl("list", "-H", "@both", "--from", tag + "-*", "-o", "json"));
            assertThat(held.findValuesAsText("queue")).containsOnly("hold");

            Proc.Result release = qctl("release", "-H", "pf", pfIds.get(0), pfIds.get(1), "-o", "json");
            assertThat(release.exit()).as(release.describe()).isZero();
            assertThat(json(release).findValuesAsText("result")).containsOnly("ok");

            Proc.Result delete = qctl("delete", "-H", "@both", "--from", tag + "-*", "--yes", "-o", "json");
            assertThat(delete.exit()).as(delete.describe()).isZero();
            assertThat(json(delete).findValuesAsText("result")).hasSize(4).containsOnly("ok");
            assertThat(json(qctl("list", "-H", "@both", "--from", tag + "-*", "-o", "json"))).isEmpty();
        } finally {
            deleteMine(tag);
        }
    }

    @Test
    void requeueDeliverBounceFlushAndEditOverSsh() {
        String tag = PostfixHarness.newTag();
        try {
            List<String> pf = PostfixHarness.inject(tag, 3);
            injectExim(tag, 2);
            List<String> ex = EximQueue.bp().values().stream().filter(m -> m.sender().startsWith(tag + "-"))
                    .map(EximQueue.BpMessage::id).sorted().toList();

            Proc.Result requeue = qctl("requeue", "-H", "pf", pf.get(0));
            assertThat(requeue.exit()).as(requeue.describe()).isZero();
            Proc.run("/usr/sbin/postkick", "public", "pickup", "W");
            PostfixHarness.waitFor(tag, 3, n -> !n.get("queue_id").asText().equals(pf.get(0))
                    && !n.get("queue_name").asText().equals("maildrop"));

            Proc.Result deliver = qctl("deliver", "-H", "@both", pf.get(1), ex.get(0), "-o", "json");
            assertThat(deliver.exit()).as(deliver.describe()).isZero();
            assertThat(json(deliver).findValuesAsText("result")).containsExactly("ok", "ok");
            assertThat(EximQueue.exim("-Mvl", ex.get(0)).stdout()).contains("Connection refused");

            Proc.Result bounce = qctl("bounce", "-H", "ex", ex.get(1));
            assertThat(bounce.exit()).as(bounce.describe()).isZero();
            assertThat(EximQueue.bp()).doesNotContainKey(ex.get(1));
            assertThat(EximQueue.bp().values()).anyMatch(m -> m.sender().isEmpty()
                    && m.recipientsDelivered().containsKey(tag + "-1@example.org"));

            Proc.Result edit = qctl("edit", "-H", "ex", ex.get(0), "--sender", tag + "-9@example.org");
            assertThat(edit.exit()).as(edit.describe()).isZero();
            assertThat(EximQueue.bp().get(ex.get(0)).sender()).isEqualTo(tag + "-9@example.org");

            // Exim flushes any domain; Postfix only those in fast_flush_domains: one host fails, clearly.
            Proc.Result flush = qctl("flush", "-H", "@both", "--site", tag + ".example");
            assertThat(flush.exit()).as(flush.describe()).isEqualTo(3);
            assertThat(flush.stderr()).contains("ex: asked Exim to retry mail for " + tag + ".example")
                    .contains("pf: Postfix cannot flush " + tag + ".example alone: add it to fast_flush_domains");
        } finally {
            deleteMine(tag);
            EximQueue.bp().values().stream().filter(m -> m.sender().isEmpty()
                    && m.recipientsDelivered().keySet().stream().anyMatch(a -> a.startsWith(tag + "-")))
                    .forEach(m -> EximQueue.exim("-Mrm", m.id()));
        }
    }

    @Test
    void unknownAndChangedHostKeysAreRefusedWithTheFingerprint() {
        Proc.Result unknown = qctl("list", "-H", "unknownkey");
        assertThat(unknown.exit()).as(unknown.describe()).isEqualTo(4);
        assertThat(unknown.stderr()).contains("is not known", "SHA256:", "qctl hosts trust unknownkey");

        Proc.Result changed = qctl("list", "-H", "changedkey");
        assertThat(changed.exit()).as(changed.describe()).isEqualTo(4);
        assertThat(changed.stderr()).contains("HOST KEY CHANGED", "SHA256:");
    }

    @Test
    void trustRecordsTheKeyInTheConfiguredFile() throws IOException {
        Path file = home.resolve("trust_known_hosts");
        Files.writeString(file, "");
        Path cfg = Files.writeString(home.resolve("trust.yaml"), "hosts:\n" + host("fresh", sshPort(), key(), file.toString()));
        Proc.Result trust = qctl(Map.of("QCTL_CONFIG", cfg.toString()), "hosts", "trust", "fresh", "--yes");
        assertThat(trust.exit()).as(trust.describe()).isZero();
        assertThat(trust.stderr()).contains("SHA256:");
        assertThat(Files.readString(file)).startsWith("[127.0.0.1]:" + sshPort() + " ssh-");
        Proc.Result list = qctl(Map.of("QCTL_CONFIG", cfg.toString()), "list", "-H", "fresh", "--mta", "postfix", "--limit", "1");
        assertThat(list.exit()).as(list.describe()).isZero();
    }

    @Test
    void trustAfterAKeyChangeNeedsReplaceShowsBothFingerprintsAndRemovesTheOldEntry() throws IOException {
        String stale = "AAAAC3NzaC1lZDI1NTE5AAAAIJZR9X7Zq9nETeV/xLc1AlfPqT0Vm1u2F1mBXQqeE0jX"; // not the sandbox's key
        String staleFingerprint = "SHA256:" + java.util.Base64.getEncoder().withoutPadding().encodeToString(
                sha256(java.util.Base64.getDecoder().decode(stale)));
        Path file = home.resolve("replace_known_hosts");
        Files.writeString(file, "# kept\n[127.0.0.1]:" + sshPort() + " ssh-ed25519 " + stale + "\n");
        Path cfg = Files.writeString(home.resolve("replace.yaml"), "hosts:\n" + host("moved", sshPort(), key(), file.toString()));
        Map<String, String> env = Map.of("QCTL_CONFIG", cfg.toString());

        Proc.Result refused = qctl(env, "hosts", "trust", "moved", "--yes");
        assertThat(refused.exit()).as(refused.describe()).isEqualTo(2);
        assertThat(refused.stderr()).contains("HOST KEY CHANGED", staleFingerprint, "--replace");
        assertThat(Files.readString(file)).contains(stale);

        Proc.Result replaced = qctl(env, "hosts", "trust", "moved", "--replace", "--yes");
        assertThat(replaced.exit()).as(replaced.describe()).isZero();
        assertThat(replaced.stderr()).contains("old: ssh-ed25519 " + staleFingerprint).contains("new: ssh-ed25519 SHA256:")
                .contains("removed 1 old ssh-ed25519 entry");
        String after = Files.readString(file);
        assertThat(after).startsWith("# kept\n[127.0.0.1]:" + sshPort() + " ssh-ed25519 ").doesNotContain(stale);
        Proc.Result list = qctl(env, "list", "-H", "moved", "--mta", "postfix", "--limit", "1");
        assertThat(list.exit()).as(list.describe()).isZero();

        Proc.Result again = qctl(env, "hosts", "trust", "moved", "--yes");
        assertThat(again.exit()).as(again.describe()).isZero();
        assertThat(again.stderr()).contains("already trusted");
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * --limit closes the listing after the first message, with more of it still on its way; the
     * next --watch round then runs on the same connection (it used to be lost, most often on Exim).
     */
    @Test
    void aListingStoppedEarlyLeavesTheConnectionUsableForTheNextRound() {
        String tag = PostfixHarness.newTag();
        try {
            PostfixHarness.inject(tag, 3);
            injectExim(tag, 3);
            for (String host : List.of("pf", "ex")) {
                Proc.Result r = qctl("list", "-H", host, "--limit", "1", "--watch", "1", "--count", "5", "-o", "json");
                assertThat(r.exit()).as(r.describe()).isZero();
                assertThat(r.stderr()).as(r.describe()).doesNotContain("lost");
                assertThat(r.stdout().lines().filter(l -> l.startsWith("--- ")).count()).as(r.describe()).isEqualTo(5);
            }
        } finally {
            deleteMine(tag);
        }
    }

    @Test
    void unreachableHostsFailWithinTheDeadlineWhileOthersSucceed() {
        long start = System.nanoTime();
        Proc.Result r = qctl("list", "-H", "pf,closed,silent", "--connect-timeout", "3s", "--limit", "5", "-o", "json");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(r.exit()).as(r.describe()).isEqualTo(3);
        assertThat(seconds).as("within the deadline").isLessThan(20);
        JsonNode all = json(r);
        assertThat(all.findValuesAsText("error")).hasSize(2);
        assertThat(r.stderr()).contains("qctl: closed: ", "connection refused", "qctl: silent: ", "no SSH answer within 3s");

        Proc.Result none = qctl("list", "-H", "closed,silent", "--connect-timeout", "2s", "-o", "json");
        assertThat(none.exit()).as(none.describe()).isEqualTo(4);
        assertThat(json(none).findValuesAsText("host")).containsExactly("closed", "silent");
    }

    @Test
    void sudoWithoutTheRuleNamesTheRule() {
        Proc.Result r = qctl("list", "-H", "norule");
        assertThat(r.exit()).as(r.describe()).isEqualTo(5);
        assertThat(r.stderr()).contains("wants a password", "NOPASSWD: /usr/bin/true -bP spool_directory, /usr/bin/true -bV")
                .contains(", /bin/sh").doesNotContain("NOPASSWD: /usr/bin/true,");
    }

    @Test
    void anEncryptedKeyWorksWithItsPassphrase() {
        Proc.Result without = qctl("list", "-H", "encrypted", "--limit", "1");
        assertThat(without.exit()).as(without.describe()).isEqualTo(4);
        assertThat(without.stderr()).contains("authentication failed");
        Proc.Result with = qctl(Map.of("QCTL_SSH_PASSPHRASE", Sandbox.get("QCTL_SANDBOX_SSH_KEY_PASSPHRASE")),
                "list", "-H", "encrypted", "--limit", "1", "-o", "json");
        assertThat(with.exit()).as(with.describe()).isZero();
    }

    @Test
    void hostsCheckAndListing() {
        Proc.Result check = qctl("hosts", "check", "-H", "@both", "-o", "json");
        assertThat(check.exit()).as(check.describe()).isZero();
        assertThat(json(check).findValuesAsText("mta")).containsExactly("postfix", "exim");
        assertThat(json(check).findValuesAsText("version").get(0)).matches("\\d+\\.\\d+.*");
        assertThat(json(check).findValuesAsText("version").get(1)).startsWith("Exim version");
        // both hosts use sudo over SSH: Postfix is pinned, Exim's inline spool reader needs /bin/sh
        assertThat(json(check).findValuesAsText("sudo_mode")).containsExactly("pinned", "shell (root-equivalent)");
        assertThat(json(check).findValuesAsText("sudo_rule").get(0)).contains("/usr/sbin/postconf -h mail_version")
                .doesNotContain("/bin/sh");
        assertThat(json(check).findValuesAsText("sudo_rule").get(1)).contains("/bin/sh");
        assertThat(check.stderr()).contains("ex: its sudoers rule must allow /bin/sh", "exim_spool_reader");

        Proc.Result partial = qctl("hosts", "check", "-H", "pf,closed", "--connect-timeout", "2s");
        assertThat(partial.exit()).as(partial.describe()).isEqualTo(3);

        Proc.Result hosts = qctl("hosts", "-o", "json");
        assertThat(hosts.exit()).as(hosts.describe()).isZero();
        assertThat(json(hosts).get("groups").get("both").toString()).isEqualTo("[\"pf\",\"ex\"]");
    }

    @Test
    void checkAndMetricsForTwoHosts() {
        Proc.Result check = qctl("check", "-H", "@both");
        assertThat(check.exit()).as(check.describe()).isIn(0, 1, 2);
        assertThat(check.stdout()).startsWith("QUEUE ").contains("pf: ", "ex: ", "'pf total'=", "'ex total'=");

        Proc.Result down = qctl("check", "-H", "pf,closed", "--connect-timeout", "2s");
        assertThat(down.exit()).as(down.describe()).isEqualTo(3);
        assertThat(down.stdout()).startsWith("QUEUE UNKNOWN").contains("closed: ");

        Proc.Result metrics = qctl("metrics", "-H", "@both");
        assertThat(metrics.exit()).as(metrics.describe()).isZero();
        assertThat(metrics.stdout()).contains("host=\"pf\",mta=\"postfix\"", "host=\"ex\",mta=\"exim\"");
        Path promtool = Path.of("/opt/qctl-test-tools/usr/bin/promtool");
        Proc.Result valid = Proc.run(List.of(promtool.toString(), "check", "metrics"), Map.of(),
                metrics.stdout().getBytes(StandardCharsets.UTF_8));
        assertThat(valid.exit()).as(valid.describe()).isZero();
    }
}
