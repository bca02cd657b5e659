package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code delete --quarantine} and {@code qctl restore} on the real Postfix and Exim: 1,000 messages
 * of the test's own (two recipients each, bodies with lone dots, long and 8-bit lines) deleted with
 * quarantine, restored by run ID and compared with what was queued before: Exim's -H and -D files
 * byte for byte with their owner and mode under the same IDs; Postfix's sender, recipients, headers
 * and body byte for byte, the one Received header pickup adds on top excepted. Then purge by age
 * and the free-space refusal. Each test uses a quarantine directory of its own.
 */
class QuarantineIT {
    private static final int COUNT = 1000;
    private static final Pattern RUN = Pattern.compile("quarantined as run (\\S+) in ");

    private Path quarantine;
    private Path audit;

    @BeforeEach
    void directories() throws IOException {
        quarantine = Files.createTempDirectory("qctl-quarantine-it-").resolve("q");
        audit = quarantine.getParent().resolve("audit.log");
    }

    @AfterEach
    void removeQuarantine() {
        Proc.run("rm", "-rf", quarantine.getParent().toString());
    }

    private Proc.Result qctl(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--quarantine-dir", quarantine.toString()));
        return Proc.qctlWith(Map.of("QCTL_AUDIT_LOG", audit.toString()), null, all.toArray(String[]::new));
    }

    /** A body every message differs in, with what a re-submission could damage: lone dots, long and 8-bit lines. */
    static String message(String tag, int i, String from) {
        return "From: " + from + "\nTo: a@" + tag + ".example, b@" + tag + ".example\nSubject: " + tag + " " + i
                + "\n\nmessage " + i + "\n.\n..two dots\n" + "x".repeat(900 + i % 90) + "\nnon-ASCII: caf\u00e9 \u00fcber \u2713\n"
                + "trailing spaces   \n\n\nend " + i + "\n";
    }

    static List<String> submit(String port, String tag, int count) {
        List<String> ids = new ArrayList<>();
        try (SmtpSubmission smtp = new SmtpSubmission(Integer.parseInt(port), "127.0.0.1", "quarantine.test", null, null)) {
            for (int i = 0; i < count; i++) {
                String from = tag + "-" + i + "@example.org";
                ids.add(smtp.send(from, List.of("a@" + tag + ".example", "b@" + tag + ".example"), message(tag, i, from)));
            }
        }
        return ids;
    }

    private static String runOf(Proc.Result r) {
        Matcher m = RUN.matcher(r.stderr());
        assertThat(m.find()).as(r.describe()).isTrue();
        return m.group(1);
    }

    private JsonNode json(Proc.Result r) {
        assertThat(r.exit()).as(r.describe()).isZero();
        return PostfixQueue.parse(r.stdout());
    }

    // ---------------------------------------------------------------- Postfix

    /** sender → recipients, header section, body: what a restore must bring back. */
    private static Map<String, String[]> postfixMessages(String tag) {
        Map<String, String[]> bySender = new TreeMap<>();
        for (JsonNode n : PostfixHarness.messagesOf(tag)) {
            String id = n.get("queue_id").asText();
            List<String> rcpts = new ArrayList<>();
            n.get("recipients").forEach(r -> rcpts.add(r.get("address").asText()));
            rcpts.sort(null);
            Proc.Result cat = Proc.run("postcat", "-bh", "-q", id);
            assertThat(cat.exit()).as(cat.describe()).isZero();
            String raw = new String(cat.stdoutBytes(), StandardCharsets.ISO_8859_1);
            int blank = raw.indexOf("\n\n");
            bySender.put(PostfixQueue.sender(n), new String[] {String.join(",", rcpts), raw.substring(0, blank + 1),
                    raw.substring(blank + 2)});
        }
        return bySender;
    }

    @Test
    void postfixDeletesAThousandWithQuarantineAndRestoresThemByRunId() {
        Sandbox.requirePostfix();
        String tag = PostfixHarness.newTag();
        submit(Sandbox.get("QCTL_SANDBOX_POSTFIX_SMTP_PORT"), tag, COUNT);
        PostfixHarness.waitFor(tag, COUNT, n -> n.get("queue_name").asText().equals("deferred"));
        Map<String, String[]> before = postfixMessages(tag);
        assertThat(before).hasSize(COUNT);
        try {
            Proc.Result delete = qctl("delete", "--mta", "postfix", "--from", tag + "-*", "--quarantine", "--yes", "-o", "ids");
            assertThat(delete.exit()).as(delete.describe()).isZero();
            assertThat(delete.stdout().lines().count()).isEqualTo(COUNT);
            assertThat(PostfixHarness.messagesOf(tag)).isEmpty();
            String run = runOf(delete);
            assertThat(Files.isDirectory(quarantine.resolve("postfix").resolve(run))).isTrue();
            assertThat(permissions(quarantine)).isEqualTo("rwx------");
            assertThat(permissions(quarantine.resolve("postfix"))).isEqualTo("rwx------");

            JsonNode kept = json(qctl("quarantine", "list", "--mta", "postfix", "--from", tag + "-*", "-o", "json"));
            assertThat(kept).hasSize(COUNT);
            kept.forEach(k -> {
                assertThat(k.get("run").asText()).isEqualTo(run);
                assertThat(before).containsKey(k.get("sender").asText());
                assertThat(k.get("recipients")).hasSize(2);
            });
            assertThat(auditLines()).anyMatch(l -> l.contains("\"run\":\"" + run + "\"") && l.contains("\"phase\":\"intent\""));

            Proc.Result restore = qctl("restore", "--mta", "postfix", "--run", run, "--yes", "-o", "json");
            JsonNode restored = json(restore);
            assertThat(restored).hasSize(COUNT).allSatisfy(o -> assertThat(o.get("result").asText()).isEqualTo("ok"));
            PostfixHarness.waitFor(tag, COUNT, n -> n.get("queue_name").asText().equals("deferred"));
            Map<String, String[]> after = postfixMessages(tag);
            assertThat(after.keySet()).isEqualTo(before.keySet());
            for (Map.Entry<String, String[]> e : before.entrySet()) {
                String[] was = e.getValue();
                String[] now = after.get(e.getKey());
                assertThat(now[0]).as("recipients of " + e.getKey()).isEqualTo(was[0]);
                assertThat(now[2]).as("body of " + e.getKey()).isEqualTo(was[2]);
                // the documented difference: pickup's Received header on top, nothing else
                assertThat(now[1]).as("headers of " + e.getKey()).startsWith("Received: by ").endsWith(was[1]);
                assertThat(now[1].substring(0, now[1].length() - was[1].length()).split("\n(?![ \t])")).hasSize(1);
            }
            assertThat(json(qctl("quarantine", "list", "--mta", "postfix", "--from", tag + "-*", "-o", "json"))).isEmpty();
            assertThat(auditLines()).anyMatch(l -> l.contains("\"action\":\"restore\"") && l.contains("\"phase\":\"result\""));
        } finally {
            qctl("delete", "--mta", "postfix", "--from", tag + "-*", "--yes", "-q");
        }
    }

    @Test
    void postfixPurgesByAgeAndRefusesWithoutFreeSpace() throws IOException {
        Sandbox.requirePostfix();
        String tag = PostfixHarness.newTag();
        submit(Sandbox.get("QCTL_SANDBOX_POSTFIX_SMTP_PORT"), tag, 10);
        List<String> ids = PostfixHarness.waitFor(tag, 10, n -> n.get("queue_name").asText().equals("deferred"));
        try {
            Proc.Result refused = qctl("delete", "--mta", "postfix", "--from", tag + "-*", "--quarantine",
                    "--quarantine-min-free", "100000G", "--yes");
            assertThat(refused.exit()).as(refused.describe()).isEqualTo(8);
            assertThat(refused.stderr().strip().lines().toList()).hasSize(1);
            assertThat(refused.stderr()).contains("not enough free space").contains("nothing was deleted");
            assertThat(PostfixHarness.waitFor(tag, 10, n -> true)).isEqualTo(ids);

            Proc.Result old = qctl("delete", "--mta", "postfix", ids.get(0), ids.get(1), "--quarantine", "--yes");
            String oldRun = runOf(old);
            Proc.Result recent = qctl("delete", "--mta", "postfix", ids.get(2), "--quarantine", "--yes");
            String recentRun = runOf(recent);
            ageRun(oldRun, 8);
            Proc.Result purge = qctl("quarantine", "purge", "--mta", "postfix", "--older-than", "7d");
            assertThat(purge.exit()).as(purge.describe()).isZero();
            assertThat(purge.stderr()).contains("purged quarantine run " + oldRun).doesNotContain(recentRun);
            assertThat(Files.exists(quarantine.resolve("postfix").resolve(oldRun))).isFalse();
            JsonNode kept = json(qctl("quarantine", "list", "--mta", "postfix", "-o", "json"));
            assertThat(kept).hasSize(1);
            assertThat(kept.get(0).get("id").asText()).isEqualTo(ids.get(2));
            assertThat(kept.get(0).get("run").asText()).isEqualTo(recentRun);
        } finally {
            qctl("delete", "--mta", "postfix", "--from", tag + "-*", "--yes", "-q");
        }
    }

    @Test
    void theConfigMakesQuarantineTheDefaultAndNamesTheDirectory() throws IOException {
        Sandbox.requirePostfix();
        String tag = PostfixHarness.newTag();
        submit(Sandbox.get("QCTL_SANDBOX_POSTFIX_SMTP_PORT"), tag, 2);
        List<String> ids = PostfixHarness.waitFor(tag, 2, n -> n.get("queue_name").asText().equals("deferred"));
        Path config = Files.writeString(quarantine.getParent().resolve("config.yaml"), "actions:\n  quarantine: true\n"
                + "  quarantine_dir: " + quarantine + "\n  quarantine_retention: 3d\n  quarantine_min_free: 1M\n");
        Map<String, String> env = Map.of("QCTL_AUDIT_LOG", audit.toString(), "QCTL_CONFIG", config.toString());
        try {
            Proc.Result kept = Proc.qctlWith(env, null, "delete", "--mta", "postfix", ids.get(0), "--yes");
            assertThat(kept.exit()).as(kept.describe()).isZero();
            String run = runOf(kept);
            assertThat(Files.isDirectory(quarantine.resolve("postfix").resolve(run))).isTrue();
            Proc.Result listed = Proc.qctlWith(env, null, "quarantine", "list", "--mta", "postfix", "-o", "json");
            assertThat(json(listed)).extracting(n -> n.get("id").asText()).containsExactly(ids.get(0));

            Proc.Result gone = Proc.qctlWith(env, null, "delete", "--mta", "postfix", ids.get(1), "--no-quarantine", "--yes");
            assertThat(gone.exit()).as(gone.describe()).isZero();
            assertThat(gone.stderr()).doesNotContain("quarantined as run");
            assertThat(PostfixHarness.messagesOf(tag)).isEmpty();
            assertThat(json(Proc.qctlWith(env, null, "quarantine", "list", "--mta", "postfix", "-o", "json"))).hasSize(1);

            Path bad = Files.writeString(quarantine.getParent().resolve("bad.yaml"), "actions:\n  quarantine_max_size: lots\n");
            Proc.Result refused = Proc.qctlWith(Map.of("QCTL_CONFIG", bad.toString()), null, "quarantine", "list", "--mta", "postfix");
            assertThat(refused.exit()).as(refused.describe()).isNotZero();
            assertThat(refused.stderr().strip()).startsWith("qctl: " + bad + ":2:").hasLineCount(1);
        } finally {
            qctl("delete", "--mta", "postfix", "--from", tag + "-*", "--yes", "-q");
        }
    }

    /** Makes a run look {@code days} old: its run file's time, as the script wrote it. */
    private void ageRun(String run, int days) throws IOException {
        Path file = quarantine.resolve("postfix").resolve(run).resolve("run");
        long then = System.currentTimeMillis() / 1000 - days * 86_400L;
        Files.writeString(file, Files.readString(file).replaceAll("(?m)^time \\d+$", "time " + then));
    }

    private List<String> auditLines() {
        try {
            return Files.readAllLines(audit);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String permissions(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------- Exim

    /** id → digest of the -H and -D files with their owner and mode. */
    private static Map<String, String> eximFiles(List<String> ids) {
        Path input = Path.of(Sandbox.get("QCTL_SANDBOX_EXIM_SPOOL"), "input");
        Map<String, String> files = new TreeMap<>();
        for (String id : ids) {
            StringBuilder s = new StringBuilder();
            for (String suffix : List.of("-H", "-D")) {
                Path f = input.resolve(id + suffix);
                try {
                    PosixFileAttributes a = Files.readAttributes(f, PosixFileAttributes.class);
                    s.append(suffix).append(' ').append(a.owner().getName()).append(':').append(a.group().getName()).append(' ')
                            .append(PosixFilePermissions.toString(a.permissions())).append(' ')
                            .append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))))
                            .append(' ');
                } catch (IOException e) {
                    s.append(suffix).append(" missing ");
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new AssertionError(e);
                }
            }
            files.put(id, s.toString());
        }
        return files;
    }

    @Test
    void eximDeletesAThousandWithQuarantineAndRestoresTheSpoolFilesExactly() {
        Sandbox.requireExim();
        String tag = PostfixHarness.newTag();
        List<String> ids = submit(Sandbox.get("QCTL_SANDBOX_EXIM_SMTP_PORT"), tag, COUNT);
        ids.sort(null);
        Map<String, String> before = eximFiles(ids);
        assertThat(before.values()).noneMatch(v -> v.contains("missing"));
        try {
            Proc.Result delete = qctl(EximQueue.target("delete", "--mta", "exim", "--from", tag + "-*", "--quarantine",
                    "--yes", "-o", "ids"));
            assertThat(delete.exit()).as(delete.describe()).isZero();
            assertThat(delete.stdout().lines().sorted().toList()).isEqualTo(ids);
            assertThat(eximFiles(ids).values()).allMatch(v -> v.equals("-H missing -D missing "));
            String run = runOf(delete);

            JsonNode kept = json(qctl(EximQueue.target("quarantine", "list", "--mta", "exim", "--run", run, "-o", "json")));
            assertThat(kept).hasSize(COUNT);
            List<String> keptIds = new ArrayList<>();
            kept.forEach(k -> keptIds.add(k.get("id").asText()));
            keptIds.sort(null);
            assertThat(keptIds).isEqualTo(ids);

            Proc.Result dry = qctl(EximQueue.target("restore", "--mta", "exim", "--run", run, "--dry-run", "-o", "ids"));
            assertThat(dry.exit()).as(dry.describe()).isZero();
            assertThat(eximFiles(ids.subList(0, 1)).values()).allMatch(v -> v.equals("-H missing -D missing "));

            Proc.Result restore = qctl(EximQueue.target("restore", "--mta", "exim", "--run", run, "--yes", "-o", "json"));
            JsonNode restored = json(restore);
            assertThat(restored).hasSize(COUNT).allSatisfy(o -> assertThat(o.get("result").asText()).isEqualTo("ok"));
            assertThat(eximFiles(ids)).isEqualTo(before);
            Map<String, EximQueue.BpMessage> queue = EximQueue.bp();
            for (String id : ids) {
                assertThat(queue.get(id)).as(id).isNotNull();
                assertThat(queue.get(id).recipientsDelivered()).containsOnlyKeys("a@" + tag + ".example", "b@" + tag + ".example");
            }
            assertThat(json(qctl(EximQueue.target("quarantine", "list", "--mta", "exim", "--run", run, "-o", "json")))).isEmpty();
        } finally {
            EximQueue.exim(listOf("-Mrm", ids));
        }
    }

    @Test
    void eximRefusesWithoutFreeSpaceAndKeepsATakenIdInTheQuarantine() {
        Sandbox.requireExim();
        String tag = PostfixHarness.newTag();
        List<String> ids = submit(Sandbox.get("QCTL_SANDBOX_EXIM_SMTP_PORT"), tag, 3);
        try {
            Proc.Result refused = qctl(EximQueue.target("delete", "--mta", "exim", "--from", tag + "-*", "--quarantine",
                    "--quarantine-min-free", "100000G", "--yes"));
            assertThat(refused.exit()).as(refused.describe()).isEqualTo(8);
            assertThat(refused.stderr().strip().lines().toList()).hasSize(1);
            assertThat(eximFiles(ids).values()).noneMatch(v -> v.contains("missing"));

            Proc.Result delete = qctl(EximQueue.target("delete", "--mta", "exim", ids.get(0), "--quarantine", "--yes"));
            assertThat(delete.exit()).as(delete.describe()).isZero();
            // another message takes the ID meanwhile (here: the same files put back by hand)
            Path input = Path.of(Sandbox.get("QCTL_SANDBOX_EXIM_SPOOL"), "input");
            Proc.run("cp", "-p", quarantine.resolve("exim").resolve(runOf(delete)).resolve("input").resolve(ids.get(0) + "-D").toString(),
                    quarantine.resolve("exim").resolve(runOf(delete)).resolve("input").resolve(ids.get(0) + "-H").toString(), input.toString());
            Proc.Result restore = qctl(EximQueue.target("restore", "--mta", "exim", ids.get(0), "--yes", "-o", "json"));
            assertThat(restore.exit()).as(restore.describe()).isEqualTo(3);
            assertThat(restore.stdout()).contains("its queue ID is taken");
            assertThat(json(qctl(EximQueue.target("quarantine", "list", "--mta", "exim", "-o", "json")))).hasSize(1);
        } finally {
            EximQueue.exim(listOf("-Mrm", ids));
        }
    }

    private static String[] listOf(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all.toArray(String[]::new);
    }
}
