package dev.qctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qctl.testing.CliDriver;
import dev.qctl.testing.ScriptedPostfix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The action commands in process, over a scripted Postfix: what they print, exit with and audit. */
class ActionCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T = 1_796_000_000L;

    @TempDir
    Path dir;
    private ScriptedPostfix postfix;

    @BeforeEach
    void queue() {
        postfix = new ScriptedPostfix();
        for (int i = 0; i < 4; i++) {
            postfix.add("A0000" + i, "deferred", T + i, "spam" + i + "@example.org", "rcpt@example.com");
        }
        postfix.add("B00001", "deferred", T, "alice@example.org", "bob@example.com");
    }

    private CliDriver qctl() {
        return CliDriver.with(postfix).env("QCTL_AUDIT_LOG", dir.resolve("audit.log").toString());
    }

    private static Map<String, String> results(String json) throws IOException {
        Map<String, String> results = new HashMap<>();
        for (JsonNode row : JSON.readTree(json)) {
            if (row.has("id")) { // a host that failed midway has an entry of its own: {"host", "error"}
                results.put(row.get("id").asText(), row.get("result").asText());
            }
        }
        return results;
    }

    @Test
    void aDryRunShowsTheMessagesAndTheCommandAndChangesNothing() {
        CliDriver.Result r = qctl().run("delete", "--from", "spam*", "--dry-run", "-o", "ids");
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(r.stdout().lines().toList()).containsExactly("A00000", "A00001", "A00002", "A00003");
        assertThat(r.stderr()).contains("would delete without bounce 4 messages on Postfix with:")
                .contains("/usr/sbin/postsuper -d -  (4 IDs on stdin)");
        assertThat(postfix.queue()).hasSize(5);
        assertThat(Files.exists(dir.resolve("audit.log"))).isFalse();
    }

    @Test
    void aFilterWithoutYesAndWithoutAPersonToAskIsRefused() {
        CliDriver.Result r = qctl().run("delete", "--from", "spam*");
        assertThat(r.exit()).as(r.describe()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("qctl: refusing to delete 4 messages selected by filter without --yes"
                + " (no terminal to confirm on)\n");
        assertThat(postfix.queue()).hasSize(5);
        assertThat(postfix.count("postsuper", "-d")).isZero();
    }

    @Test
    void everyMessageIsReportedAndAuditedUnderOneRunId() throws IOException {
        CliDriver.Result r = qctl().run("hold", "--from", "spam*", "--yes", "-o", "json");
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(results(r.stdout())).containsOnlyKeys("A00000", "A00001", "A00002", "A00003").containsValue("ok")
                .doesNotContainValue("not-found");
        List<String> audit = Files.readAllLines(dir.resolve("audit.log"));
        assertThat(audit).hasSize(2);
        JsonNode intent = JSON.readTree(audit.get(0));
        JsonNode result = JSON.readTree(audit.get(1));
        assertThat(intent.get("phase").asText()).isEqualTo("intent");
        assertThat(intent.get("filter").asText()).isEqualTo("--from 'spam*'");
        assertThat(intent.get("count").asInt()).isEqualTo(4);
        assertThat(result.get("run").asText()).isEqualTo(intent.get("run").asText());
        assertThat(result.get("counts").get("ok").asInt()).isEqualTo(4);
    }

    @Test
    void idsOnStdinAreLookedUpOneByOne() throws IOException {
        CliDriver.Result r = qctl().stdin("A00001\n# a comment\nA00002\nA00001\n").run("hold", "-", "-o", "json");
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(results(r.stdout())).containsOnly(Map.entry("A00001", "ok"), Map.entry("A00002", "ok"));
        assertThat(postfix.count("postqueue", "-j")).isZero();
        assertThat(postfix.message("A00001").queue).isEqualTo("hold");
    }

    @Test
    void aMalformedIdOnStdinStopsEverything() {
        CliDriver.Result r = qctl().stdin("A00001\n$(reboot)\n").run("delete", "-");
        assertThat(r.exit()).as(r.describe()).isEqualTo(7);
        assertThat(r.stderr()).startsWith("qctl: malformed queue ID '$(reboot)'").doesNotContain("Exception");
        assertThat(postfix.commands()).isEmpty();
    }

    @Test
    void aLostConnectionIsExitThreeWithEveryMessageReported() throws IOException {
        postfix.failAfter(1);
        CliDriver.Result r = qctl().run("delete", "--from", "spam*", "--yes", "-o", "json");
        assertThat(r.exit()).as(r.describe()).isEqualTo(3);
        Map<String, String> results = results(r.stdout());
        assertThat(results).hasSize(4);
        assertThat(results.values()).containsOnly("ok", "not-attempted");
        results.forEach((id, result) -> assertThat(postfix.queue().containsKey(id)).isEqualTo(!result.equals("ok")));
        assertThat(r.stdout()).contains("\"error\": \"the connection to local was lost\"");
    }

    @Test
    void thePlainTableAndTheTally() {
        CliDriver.Result r = qctl().run("release", "A00001", "FFFFFF");
        assertThat(r.exit()).as(r.describe()).isEqualTo(3);
        assertThat(r.stdout()).contains("A00001").contains("not on hold: nothing to do").contains("FFFFFF")
                .contains("not-found");
        assertThat(r.stderr()).contains("qctl: release: 1 ok, 1 not-found");
    }
}
