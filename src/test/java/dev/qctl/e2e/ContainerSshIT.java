package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Containers on a host reached over SSH ({@code container:} in the config): the sandbox's real sshd,
 * its test user, and docker run there through sudo. The test user has no access to the docker socket;
 * its sudoers rule (scripts/containers) allows {@code docker exec -i} into the sandbox's containers
 * only. Uses the sandbox's sshd: run under the sandbox lock.
 */
class ContainerSshIT {
    private static Path home;
    private static Path config;

    @BeforeAll
    static void setUp() throws IOException {
        Containers.require();
        dev.qctl.exec.ssh.SshSandboxAccess.require();
        home = Files.createTempDirectory("qctl-container-ssh-");
        String port = Integer.toString(SandboxFleet.sshPort());
        config = Files.writeString(home.resolve("config.yaml"), String.join("\n",
                "hosts:",
                SandboxFleet.host("ctpf", SandboxFleet.sshPort(), SandboxFleet.key(), SandboxFleet.knownHosts())
                        + "    container: docker:" + Containers.POSTFIX,
                SandboxFleet.host("ctex", SandboxFleet.sshPort(), SandboxFleet.key(), SandboxFleet.knownHosts())
                        + "    container: docker:" + Containers.EXIM,
                SandboxFleet.host("ctstopped", SandboxFleet.sshPort(), SandboxFleet.key(), SandboxFleet.knownHosts())
                        + "    container: docker:" + Containers.STOPPED,
                SandboxFleet.host("ctnorule", SandboxFleet.sshPort(), SandboxFleet.key(), SandboxFleet.knownHosts())
                        + "    container: docker:qctl-not-in-sudoers",
                "  ctnosudo:",
                "    address: 127.0.0.1",
                "    port: " + port,
                "    user: " + Sandbox.get("QCTL_SANDBOX_SSH_USER"),
                "    identity_file: " + SandboxFleet.key(),
                "    known_hosts: " + SandboxFleet.knownHosts(),
                "    container: docker:" + Containers.POSTFIX,
                ""));
    }

    private static Proc.Result qctl(String... args) {
        return Proc.qctlWith(SandboxFleet.env(home, config), null, args);
    }

    private static JsonNode json(Proc.Result r) {
        assertThat(r.exit()).as(r.describe()).isZero();
        return PostfixQueue.parse(r.stdout());
    }

    @Test
    void postfixOverSshEqualsPostqueueInsideTheContainerAndActsOnExactlyTheSelected() {
        String tag = PostfixHarness.newTag();
        List<String> ids = Containers.injectPostfix(tag, 2);
        Map<String, JsonNode> own = Containers.postqueueJ().stream()
                .collect(Collectors.toMap(n -> n.get("queue_id").asText(), n -> n));
        JsonNode listed = json(qctl("list", "-H", "ctpf", "-o", "json"));
        assertThat(listed.size()).isEqualTo(own.size());
        for (JsonNode n : listed) {
            JsonNode expected = own.get(n.get("id").asText());
            assertThat(expected).isNotNull();
            assertThat(n.get("host").asText()).isEqualTo("ctpf");
            assertThat(n.get("queue").asText()).isEqualTo(expected.get("queue_name").asText());
            assertThat(n.get("sender").asText()).isEqualTo(PostfixQueue.sender(expected));
            assertThat(n.get("size").asLong()).isEqualTo(expected.get("message_size").asLong());
            assertThat(n.get("recipients").findValuesAsText("address"))
                    .isEqualTo(expected.get("recipients").findValuesAsText("address"));
        }
        Proc.Result raw = qctl("show", "-H", "ctpf", ids.get(0), "--raw");
        assertThat(raw.exit()).as(raw.describe()).isZero();
        assertThat(raw.stdoutBytes()).isEqualTo(Containers.exec(Containers.POSTFIX, "postcat", "-bh", "-q", ids.get(0)).stdoutBytes());

        Map<String, String> before = Containers.postfixSnapshot();
        Proc.Result hold = qctl("hold", "-H", "ctpf", ids.get(0));
        assertThat(hold.exit()).as(hold.describe()).isZero();
        assertThat(Containers.postfixQueueOf(ids.get(0))).isEqualTo("hold");
        assertThat(PostfixHarness.without(Containers.postfixSnapshot(), List.of(ids.get(0))))
                .isEqualTo(PostfixHarness.without(before, List.of(ids.get(0))));
        Proc.Result release = qctl("release", "-H", "ctpf", ids.get(0));
        assertThat(release.exit()).as(release.describe()).isZero();
        assertThat(Containers.postfixQueueOf(ids.get(0))).isEqualTo("deferred");
        Proc.Result delete = qctl("delete", "-H", "ctpf", "--from", tag + "-*@example.org", "--yes");
        assertThat(delete.exit()).as(delete.describe()).isZero();
        assertThat(Containers.postfixSnapshot()).isEqualTo(PostfixHarness.without(before, ids));

        JsonNode check = json(qctl("hosts", "check", "-H", "ctpf", "-o", "json"));
        assertThat(check.get(0).get("mta").asText()).isEqualTo("postfix");
        assertThat(check.get(0).get("queue_readable").asBoolean()).isTrue();
    }

    @Test
    void eximOverSshEqualsEximBpInsideTheContainer() {
        String tag = PostfixHarness.newTag();
        List<String> ids = Containers.injectExim(tag, 2);
        Map<String, EximQueue.BpMessage> bp = Containers.eximBp();
        JsonNode listed = json(qctl("list", "-H", "ctex", "-o", "json"));
        assertThat(listed.size()).isEqualTo(bp.size());
        for (JsonNode n : listed) {
            EximQueue.BpMessage expected = bp.get(n.get("id").asText());
            assertThat(expected).isNotNull();
            assertThat(n.get("sender").asText()).isEqualTo(expected.sender());
            Map<String, Boolean> delivered = new HashMap<>();
            n.get("recipients").forEach(r -> delivered.put(r.get("address").asText(),
                    r.get("status").asText().equals("delivered")));
            assertThat(delivered).isEqualTo(expected.recipientsDelivered());
        }
        Proc.Result hold = qctl("hold", "-H", "ctex", ids.get(0));
        assertThat(hold.exit()).as(hold.describe()).isZero();
        assertThat(Containers.eximBp().get(ids.get(0)).frozen()).isTrue();
        assertThat(Containers.eximBp().get(ids.get(1)).frozen()).isFalse();
        Proc.Result delete = qctl("delete", "-H", "ctex", ids.get(0), ids.get(1));
        assertThat(delete.exit()).as(delete.describe()).isZero();
        assertThat(Containers.eximBp()).doesNotContainKeys(ids.get(0), ids.get(1));
    }

    @Test
    void stoppedContainerSocketPermissionAndAMissingSudoRule() {
        Proc.Result stopped = qctl("list", "-H", "ctstopped");
        assertThat(stopped.exit()).as(stopped.describe()).isEqualTo(4);
        assertThat(stopped.stderr().strip()).isEqualTo("qctl: container " + Containers.STOPPED
                + " on ctstopped is not running: start it with 'docker start " + Containers.STOPPED + "'");

        Proc.Result socket = qctl("list", "-H", "ctnosudo");
        assertThat(socket.exit()).as(socket.describe()).isEqualTo(5);
        assertThat(socket.stderr()).startsWith("qctl: docker on ctnosudo: permission denied (").hasLineCount(1)
                .contains("sudo: true");

        Proc.Result norule = qctl("list", "-H", "ctnorule");
        assertThat(norule.exit()).as(norule.describe()).isEqualTo(5);
        assertThat(norule.stderr()).startsWith("qctl: sudo for docker on ctnorule refused (sudo: a password is required)")
                .contains(Sandbox.get("QCTL_SANDBOX_SSH_USER") + " ALL=(root) NOPASSWD: ")
                .contains("docker exec -i qctl-not-in-sudoers *").hasLineCount(1);
    }
}
