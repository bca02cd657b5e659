package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The quarantine over SSH on two hosts at once: the sandbox's Postfix and Exim, each reached through
 * the real sshd and sudo (as FleetIT does). One {@code delete --quarantine} keeps both hosts'
 * messages under one run ID, {@code quarantine list} shows them per host, {@code restore --run}
 * puts them all back: Exim's under the same IDs, Postfix's with their senders and recipients.
 */
class QuarantineSshIT {
    private static final int EACH = 20;
    private static final Pattern RUN = Pattern.compile("quarantined as run (\\S+) in ");

    private Path home;
    private Path config;
    private Path quarantine;

    @BeforeEach
    void setUp() throws IOException {
        Sandbox.requirePostfix();
        Sandbox.requireExim();
        dev.qctl.exec.ssh.SshSandboxAccess.require();
        home = Files.createTempDirectory("qctl-quarantine-ssh-");
        quarantine = home.resolve("quarantine");
        config = Files.writeString(home.resolve("config.yaml"), "hosts:\n" + SandboxFleet.postfixAndExim()
                + "groups:\n  both: [pf, ex]\n");
    }

    @AfterEach
    void tearDown() {
        Proc.run("rm", "-rf", home.toString());
    }

    private Proc.Result qctl(String... args) {
        Map<String, String> env = new HashMap<>(SandboxFleet.env(home, config));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--quarantine-dir", quarantine.toString()));
        return Proc.qctlWith(env, null, all.toArray(String[]::new));
    }

    private static JsonNode json(Proc.Result r) {
        assertThat(r.exit()).as(r.describe()).isZero();
        return PostfixQueue.parse(r.stdout());
    }

    @Test
    void deleteWithQuarantineAndRestoreByRunOnTwoHostsOverSsh() {
        String tag = PostfixHarness.newTag();
        QuarantineIT.submit(Sandbox.get("QCTL_SANDBOX_POSTFIX_SMTP_PORT"), tag, EACH);
        List<String> exim = QuarantineIT.submit(Sandbox.get("QCTL_SANDBOX_EXIM_SMTP_PORT"), tag, EACH);
        PostfixHarness.waitFor(tag, EACH, n -> n.get("queue_name").asText().equals("deferred"));
        try {
            Proc.Result delete = qctl("delete", "-H", "@both", "--from", tag + "-*", "--quarantine", "--yes", "-o", "json");
            JsonNode deleted = json(delete);
            assertThat(deleted).hasSize(2 * EACH).allSatisfy(o -> assertThat(o.get("result").asText()).isEqualTo("ok"));
            Matcher m = RUN.matcher(delete.stderr());
            assertThat(m.find()).as(delete.describe()).isTrue();
            String run = m.group(1);
            assertThat(PostfixHarness.messagesOf(tag)).isEmpty();
            assertThat(EximQueue.bp()).doesNotContainKeys(exim.toArray(String[]::new));
            // kept on the target, root-owned, by the remote side's sudo
            assertThat(quarantine.resolve("postfix").resolve(run)).isDirectory();
            assertThat(quarantine.resolve("exim").resolve(run)).isDirectory();

            JsonNode kept = json(qctl("quarantine", "list", "-H", "@both", "--from", tag + "-*", "-o", "json"));
            assertThat(kept).hasSize(2 * EACH);
            Map<String, Integer> perHost = new HashMap<>();
            kept.forEach(k -> perHost.merge(k.get("host").asText(), 1, Integer::sum));
            assertThat(perHost).containsOnly(Map.entry("pf", EACH), Map.entry("ex", EACH));

            JsonNode restored = json(qctl("restore", "-H", "@both", "--run", run, "--yes", "-o", "json"));
            assertThat(restored).hasSize(2 * EACH).allSatisfy(o -> assertThat(o.get("result").asText()).isEqualTo("ok"));
            assertThat(EximQueue.bp()).containsKeys(exim.toArray(String[]::new));
            PostfixHarness.waitFor(tag, EACH, n -> n.get("recipients").size() == 2);
            assertThat(json(qctl("quarantine", "list", "-H", "@both", "--from", tag + "-*", "-o", "json"))).isEmpty();
        } finally {
            Proc.qctl("delete", "--mta", "postfix", "--from", tag + "-*", "--yes", "-q", "--no-audit");
            List<String> rm = new ArrayList<>(List.of("-Mrm"));
            rm.addAll(exim);
            EximQueue.exim(rm.toArray(String[]::new));
        }
    }
}
