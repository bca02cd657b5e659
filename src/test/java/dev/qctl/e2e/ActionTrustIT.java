package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What an admin must be able to trust in the worst hour: the audit log is private and an action
 * that cannot be audited does not happen; a connection killed in the middle of a bulk action still
 * gives an outcome for every message; a person at a terminal is asked even when the IDs come on
 * stdin, and sees escapes as placeholders even when stdin is redirected.
 */
class ActionTrustIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theAuditLogIsPrivateAndAnActionThatCannotBeAuditedIsRefused() throws IOException {
        Sandbox.requirePostfix();
        String tag = PostfixHarness.newTag();
        List<String> ids = PostfixHarness.inject(tag, 2);
        Path dir = Files.createTempDirectory("qctl-audit-");
        Path log = dir.resolve("new/audit.log");

        Proc.Result hold = Proc.qctlWith(Map.of("QCTL_AUDIT_LOG", log.toString()), null, "hold", ids.get(0));
        assertThat(hold.exit()).as(hold.describe()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log.getParent()))).isEqualTo("rwx------");
        List<JsonNode> entries = entries(log);
        assertThat(entries).extracting(e -> e.get("phase").asText()).containsExactly("intent", "result");
        assertThat(entries.get(0).get("run").asText()).isEqualTo(entries.get(1).get("run").asText());
        assertThat(entries.get(0).get("ids").get(0).asText()).isEqualTo(ids.get(0));

        Map<String, String> before = PostfixHarness.snapshot();
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "");
        Path link = dir.resolve("link.log");
        Files.createSymbolicLink(link, log);
        for (Path unwritable : List.of(notADirectory.resolve("audit.log"), link)) {
            Proc.Result refused = Proc.qctlWith(Map.of("QCTL_AUDIT_LOG", unwritable.toString()), null,
                    "delete", ids.get(0), ids.get(1));
            assertThat(refused.exit()).as(refused.describe()).isEqualTo(1);
            assertThat(refused.stderr()).contains("cannot write the audit log").contains("nothing was changed")
                    .doesNotContain("Exception");
            assertThat(PostfixHarness.snapshot()).isEqualTo(before);
        }
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(entries(log)).hasSize(2); // nothing was written through the link

        Proc.Result unaudited = Proc.qctlWith(Map.of("QCTL_AUDIT_LOG", link.toString()), null,
                "delete", "--no-audit", ids.get(0), ids.get(1));
        assertThat(unaudited.exit()).as(unaudited.describe()).isZero();
        assertThat(PostfixHarness.messagesOf(tag)).isEmpty();
    }

    @Test
    void aConnectionKilledMidwayStillReportsEveryMessage() throws Exception {
        Sandbox.requireExim();
        dev.qctl.exec.ssh.SshSandboxAccess.require();
        String tag = PostfixHarness.newTag();
        int count = 6000;
        Proc.Result injected = Proc.run(List.of("perl", Sandbox.baseDir().resolve("scripts/sandbox.d/smtp.pl").toString(),
                "bulk", "--port", Sandbox.get("QCTL_SANDBOX_EXIM_SMTP_PORT"), "--count", String.valueOf(count),
                "--conns", "8", "--tag", tag), Map.of(), null);
        assertThat(injected.exit()).as(injected.describe()).isZero();
        assertThat(mine(tag)).hasSize(count);

        Path home = Files.createTempDirectory("qctl-kill-home-");
        Path config = Files.writeString(home.resolve("config.yaml"), "hosts:\n" + SandboxFleet.postfixAndExim());
        List<String> argv = List.of(Proc.qctlLauncher().toString(), "delete", "-H", "ex", "--from", tag + "-*", "--yes",
                "-o", "json");
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(SandboxFleet.env(home, config));
        builder.redirectOutput(home.resolve("out.json").toFile()).redirectError(home.resolve("err.txt").toFile());
        Process qctl = builder.start();
        long deadline = System.currentTimeMillis() + 120_000;
        while (mine(tag).size() > count - 700 && System.currentTimeMillis() < deadline && qctl.isAlive()) {
            Thread.sleep(50);
        }
        assertThat(qctl.isAlive()).as("qctl still acting when the connection is killed").isTrue();
        Proc.Result kill = Proc.run("pkill", "-KILL", "-f", "^sshd: " + Sandbox.get("QCTL_SANDBOX_SSH_USER"));
        assertThat(kill.exit()).as(kill.describe()).isZero();
        assertThat(qctl.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(home.resolve("err.txt"));
        assertThat(qctl.exitValue()).as(err).isEqualTo(3);

        Set<String> left = Set.copyOf(mine(tag));
        Map<String, String> reported = new HashMap<>();
        for (JsonNode row : JSON.readTree(home.resolve("out.json").toFile())) {
            if (row.has("id")) {
                reported.put(row.get("id").asText(), row.get("result").asText());
            }
        }
        assertThat(reported).as("an outcome for every message").hasSize(count);
        Map<String, Long> tally = reported.values().stream().collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        assertThat(tally.get("ok")).as(tally.toString()).isPositive();
        assertThat(tally.getOrDefault("not-attempted", 0L) + tally.getOrDefault("unknown", 0L)).as(tally.toString()).isPositive();
        assertThat(tally.keySet()).isSubsetOf("ok", "not-attempted", "unknown");
        reported.forEach((id, result) -> {
            if (result.equals("ok")) {
                assertThat(left).as("reported deleted: " + id).doesNotContain(id);
            } else if (result.equals("not-attempted")) {
                assertThat(left).as("reported not attempted: " + id).contains(id);
            }
        });
        List<JsonNode> audit = entries(home.resolve("audit.log"));
        assertThat(audit).extracting(e -> e.get("phase").asText()).containsExactly("intent", "result");
        assertThat(audit.get(0).get("count").asInt()).isEqualTo(count);
        assertThat(audit.get(1).get("run").asText()).isEqualTo(audit.get(0).get("run").asText());
        assertThat(audit.get(1).get("error").asText()).isNotEmpty();
        assertThat(audit.get(1).get("counts").get("ok").asLong()).isEqualTo(tally.get("ok"));
        assertThat(audit.get(1).get("messages")).hasSize(count);

        Proc.Result cleanup = Proc.qctlWith(Map.of("QCTL_AUDIT_LOG", home.resolve("cleanup.log").toString()), null,
                EximQueue.target("delete", "--from", tag + "-*", "--yes", "-q"));
        assertThat(cleanup.exit()).as(cleanup.describe()).isZero();
    }

    @Test
    void aPersonAtATerminalIsAskedEvenWhenTheIdsComeOnStdin() throws IOException {
        Sandbox.requirePostfix();
        Sandbox.requireTmux();
        String tag = PostfixHarness.newTag();
        List<String> ids = PostfixHarness.inject(tag, 2);
        String escape = injectWithEscape(tag);
        Path log = Files.createTempFile("qctl-audit-", ".log");
        Map<String, String> before = PostfixHarness.snapshot();
        String qctl = Proc.qctlLauncher().toString();
        try (Tmux t = Tmux.start("qctl-prompt-" + tag, 160, 40)) {
            t.type("export QCTL_AUDIT_LOG=" + log);
            for (String action : List.of("hold", "delete")) {
                t.type("clear; printf '%s\\n' " + String.join(" ", ids) + " | " + qctl + " " + action + " -; echo \"exit=$?\"");
                t.waitFor("the question", s -> s.contains("Proceed? [y/N]"));
                assertThat(t.screen()).contains("About to").contains("2 messages");
                t.text("n");
                t.keys("Enter");
                String after = t.waitFor("the exit status", s -> s.contains("exit="));
                assertThat(after).contains("nothing was changed").contains("exit=1");
                assertThat(PostfixHarness.snapshot()).isEqualTo(before);
            }
            t.type("clear; " + qctl + " show " + escape + " --headers </dev/null; echo \"done=$?\"");
            String shown = t.waitFor("the headers", s -> s.contains("done="));
            assertThat(shown).contains("done=0").contains("^[[31m");
        }
        Proc.qctlWith(Map.of("QCTL_AUDIT_LOG", log.toString()), null, "delete", ids.get(0), ids.get(1), escape);
    }

    @Test
    void runningOutOfMemoryIsOneLineAndTouchesNothing() throws IOException {
        Sandbox.requirePostfix();
        String tag = PostfixHarness.newTag();
        List<String> ids = PostfixHarness.inject(tag, 1);
        Map<String, String> before = PostfixHarness.snapshot();
        Path log = Files.createTempDirectory("qctl-audit-").resolve("audit.log");
        // The real message first, then three million well-formed IDs: more than a 16 MiB heap can select.
        StringBuilder stdin = new StringBuilder(ids.get(0)).append('\n');
        for (int i = 1; i <= 3_000_000; i++) {
            stdin.append(String.format("%010X", i)).append('\n');
        }
        Proc.Result oom = Proc.qctlWith(Map.of("JAVA_OPTS", "-Xmx16m", "QCTL_AUDIT_LOG", log.toString()),
                stdin.toString().getBytes(StandardCharsets.US_ASCII), "delete", "-", "--yes");
        assertThat(oom.exit()).as(oom.describe()).isEqualTo(1);
        assertThat(oom.stderr().strip()).as(oom.describe())
                .startsWith("qctl: out of memory (the Java heap is").contains("JAVA_OPTS=-Xmx").hasLineCount(1);
        assertThat(PostfixHarness.snapshot()).isEqualTo(before);
        assertThat(log).doesNotExist(); // nothing was intended, so nothing was audited
        Proc.Result cleanup = Proc.qctlWith(Map.of("QCTL_AUDIT_LOG", log.toString()), null, "delete", ids.get(0));
        assertThat(cleanup.exit()).as(cleanup.describe()).isZero();
    }

    /** A message whose Subject carries an ANSI escape (ESC [31m), as a hostile sender would write it. */
    private static String injectWithEscape(String tag) {
        String sender = tag + "-esc@example.org";
        String message = "From: " + sender + "\nTo: rcpt@" + tag + ".example\nSubject: red \u001b[31malert\n\nbody\n";
        Proc.Result r = Proc.run(List.of("/usr/sbin/sendmail", "-f", sender, "rcpt@" + tag + ".example"), Map.of(),
                message.getBytes(StandardCharsets.UTF_8));
        assertThat(r.exit()).as(r.describe()).isZero();
        return PostfixHarness.waitFor(tag, 3, n -> n.get("queue_name").asText().equals("deferred")).stream()
                .filter(id -> PostfixQueue.postqueueJ().stream().anyMatch(n -> n.get("queue_id").asText().equals(id)
                        && n.get("sender").asText().equals(sender))).findFirst().orElseThrow();
    }

    private static List<String> mine(String tag) {
        return EximQueue.bp().values().stream().filter(m -> m.sender().startsWith(tag + "-"))
                .map(EximQueue.BpMessage::id).toList();
    }

    private static List<JsonNode> entries(Path log) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            entries.add(JSON.readTree(line));
        }
        return entries;
    }
}
