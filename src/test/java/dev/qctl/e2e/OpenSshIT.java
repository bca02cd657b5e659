package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenSSH transport end to end: the system's ssh against the sandbox's sshd (127.0.0.1:2222)
 * and its certificate sshd (127.0.0.1:2242, host key signed by a test CA, VERBOSE log). ssh reads
 * only the test's own ssh_config (-F through the config's ssh_config), never the tester's ~/.ssh.
 * Every result is compared with the built-in transport on the same queue.
 */
class OpenSshIT {
    private static Path home;
    private static Path config;
    private static UnreachablePorts unreachable;

    @BeforeAll
    static void setUp() throws IOException {
        Sandbox.requirePostfix();
        Sandbox.requireExim();
        dev.qctl.exec.ssh.SshSandboxAccess.require();
        home = Files.createTempDirectory("qctl-openssh-home-");
        unreachable = UnreachablePorts.open();
        String knownHosts = SandboxFleet.knownHosts() + " " + Sandbox.get("QCTL_SANDBOX_SSH_CERT_KNOWN_HOSTS");
        String common = String.join("\n",
                "Host *",
                "  User " + Sandbox.get("QCTL_SANDBOX_SSH_USER"),
                "  IdentityFile " + SandboxFleet.key(),
                "  IdentitiesOnly yes",
                "  GlobalKnownHostsFile /dev/null",
                "");
        Path sshConfig = Files.writeString(home.resolve("ssh_config"), String.join("\n",
                "Host behind-bastion",
                "  HostName 127.0.0.1",
                "  Port " + certPort(),
                "  ProxyJump 127.0.0.1:" + SandboxFleet.sshPort(),
                "Host behind-dead-bastion",
                "  HostName 127.0.0.1",
                "  Port " + certPort(),
                "  ProxyJump 127.0.0.1:" + unreachable.closed(),
                common + "  UserKnownHostsFile " + knownHosts,
                ""));
        Path withoutCa = Files.writeString(home.resolve("ssh_config_without_ca"),
                common + "  UserKnownHostsFile " + SandboxFleet.knownHosts() + "\n");
        config = Files.writeString(home.resolve("config.yaml"), String.join("\n",
                "defaults:",
                "  ssh: openssh",
                "  ssh_config: " + sshConfig,
                "  parallel: 8",
                "hosts:",
                openSsh("pf", "127.0.0.1", SandboxFleet.sshPort()) + "    mta: postfix",
                openSsh("ex", "127.0.0.1", SandboxFleet.sshPort()) + "    mta: exim",
                "    exim_bin: " + EximQueue.bin(),
                "    exim_config: " + EximQueue.config(),
                SandboxFleet.host("bpf", SandboxFleet.sshPort(), SandboxFleet.key(), SandboxFleet.knownHosts()) + "    mta: postfix",
                SandboxFleet.host("bex", SandboxFleet.sshPort(), SandboxFleet.key(), SandboxFleet.knownHosts()) + "    mta: exim",
                "    exim_bin: " + EximQueue.bin(),
                "    exim_config: " + EximQueue.config(),
                openSsh("cert", "127.0.0.1", certPort()),
                openSsh("certnoca", "127.0.0.1", certPort()) + "    ssh_config: " + withoutCa,
                openSsh("behind", "behind-bastion", null) + "    mta: postfix",
                openSsh("behinddead", "behind-dead-bastion", null) + "    mta: postfix",
                openSsh("closed", "127.0.0.1", unreachable.closed()) + "    mta: postfix",
                openSsh("silent", "127.0.0.1", unreachable.silent()) + "    mta: postfix",
                "groups:",
                "  both: [pf, ex]",
                "  builtin: [bpf, bex]",
                ""));
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (unreachable != null) {
            unreachable.close();
        }
    }

    private static int certPort() {
        return Integer.parseInt(Sandbox.get("QCTL_SANDBOX_SSH_CERT_PORT"));
    }

    /** A host for the system's ssh: only what ssh_config does not say (user, key, known_hosts come from it). */
    private static String openSsh(String name, String address, Integer port) {
        return "  " + name + ":\n    address: " + address + "\n" + (port == null ? "" : "    port: " + port + "\n")
                + "    sudo: true\n";
    }

    private static Proc.Result qctl(String... args) {
        return Proc.qctlWith(SandboxFleet.env(home, config), null, args);
    }

    private static JsonNode json(Proc.Result r) {
        assertThat(r.exit()).as(r.describe()).isZero();
        return PostfixQueue.parse(r.stdout());
    }

    /** The same output as the built-in transport's once host names and ages (which move on) are set aside. */
    private static String normalized(String text) {
        return text.replaceAll("\"b?(pf|ex)\"", "\"$1\"").replaceAll("\\bb(pf|ex)\\b", "$1")
                .replaceAll("\"(age_seconds|oldest_seconds)\" ?: ?\\d+", "\"$1\":0")
                .replaceAll("oldest_age'?=\\d+s", "oldest_age=0s").replaceAll("oldest \\d+[smh]", "oldest 0s");
    }

    private static Map<String, String> byId(JsonNode records) {
        Map<String, String> result = new TreeMap<>();
        for (JsonNode n : records) {
            ObjectNode copy = n.deepCopy();
            copy.remove("age_seconds");
            result.put(n.get("id").asText(), normalized(copy.toString()));
        }
        return result;
    }

    private static void deleteMine(String tag) {
        qctl("delete", "-H", "@builtin", "--from", tag + "-*", "--yes", "-q");
    }

    @Test
    void everyCommandGivesTheBuiltInTransportsResults() {
        String tag = PostfixHarness.newTag();
        try {
            List<String> pfIds = PostfixHarness.inject(tag, 2);
            List<String> exIds = EximQueue.inject(tag, 2);
            String from = tag + "-*";

            JsonNode list = json(qctl("list", "-H", "@both", "--from", from, "-o", "json"));
            assertThat(list).hasSize(4);
            assertThat(byId(list)).isEqualTo(byId(json(qctl("list", "-H", "@builtin", "--from", from, "-o", "json"))));
            assertThat(list.findValuesAsText("host")).containsExactly("pf", "pf", "ex", "ex");

            for (String[] show : List.of(new String[] {"pf", "bpf", pfIds.get(0)}, new String[] {"ex", "bex", exIds.get(0)})) {
                Proc.Result over = qctl("show", "-H", show[0], show[2], "--raw");
                assertThat(over.exit()).as(over.describe()).isZero();
                assertThat(over.stdout()).contains(tag).isEqualTo(qctl("show", "-H", show[1], show[2], "--raw").stdout());
            }

            Proc.Result summary = qctl("summary", "-H", "@both", "--from", from, "-o", "json");
            assertThat(normalized(json(summary).toString()))
                    .isEqualTo(normalized(json(qctl("summary", "-H", "@builtin", "--from", from, "-o", "json")).toString()));

            Proc.Result diagnose = qctl("diagnose", "-H", "pf", "--from", from, "-o", "json");
            assertThat(normalized(json(diagnose).toString()))
                    .isEqualTo(normalized(json(qctl("diagnose", "-H", "bpf", "--from", from, "-o", "json")).toString()));

            Proc.Result check = qctl("check", "-H", "@both", "--from", from);
            Proc.Result builtinCheck = qctl("check", "-H", "@builtin", "--from", from);
            assertThat(check.exit()).as(check.describe()).isEqualTo(builtinCheck.exit());
            assertThat(normalized(check.stdout())).isEqualTo(normalized(builtinCheck.stdout()));

            // An action: postsuper reads the IDs on stdin (postsuper -), Exim gets them as arguments.
            Proc.Result hold = qctl("hold", "-H", "@both", "--from", from, "--yes", "-o", "json");
            assertThat(json(hold).findValuesAsText("result")).hasSize(4).containsOnly("ok");
            assertThat(json(qctl("list", "-H", "@builtin", "--from", from, "-o", "json")).findValuesAsText("queue"))
                    .hasSize(4).containsOnly("hold");
            Proc.Result release = qctl("release", "-H", "pf", pfIds.get(0), pfIds.get(1), "-o", "json");
            assertThat(json(release).findValuesAsText("result")).containsExactly("ok", "ok");

            Proc.Result delete = qctl("delete", "-H", "@both", "--from", from, "--yes", "-o", "json");
            assertThat(json(delete).findValuesAsText("result")).hasSize(4).containsOnly("ok");
            assertThat(json(qctl("list", "-H", "@builtin", "--from", from, "-o", "json"))).isEmpty();
        } finally {
            deleteMine(tag);
        }
    }

    @Test
    void aHostBehindAProxyJumpBastion() throws IOException {
        String tag = PostfixHarness.newTag();
        try {
            PostfixHarness.inject(tag, 1);
            long bastionBefore = count(Sandbox.get("QCTL_SANDBOX_SSH_LOG"), "Accepted publickey");
            long targetBefore = count(certLog(), "Accepted publickey");
            JsonNode behind = json(qctl("list", "-H", "behind", "--from", tag + "-*", "-o", "json"));
            assertThat(behind).hasSize(1);
            assertThat(behind.get(0).get("host").asText()).isEqualTo("behind");
            assertThat(byId(behind).values().stream().map(s -> s.replace("\"behind\"", "\"pf\"")).toList())
                    .isEqualTo(byId(json(qctl("list", "-H", "bpf", "--from", tag + "-*", "-o", "json"))).values().stream().toList());
            // One login on the bastion (the jump), one on the host behind it.
            assertThat(count(Sandbox.get("QCTL_SANDBOX_SSH_LOG"), "Accepted publickey") - bastionBefore).isGreaterThanOrEqualTo(1);
            assertThat(count(certLog(), "Accepted publickey") - targetBefore).isEqualTo(1);

            Proc.Result dead = qctl("list", "-H", "behinddead");
            assertThat(dead.exit()).as(dead.describe()).isEqualTo(4);
            // ssh sends a jump host's own words to /dev/null once ControlPersist is on: qctl names the jump.
            assertThat(dead.stderr()).startsWith("qctl: cannot connect to behinddead (127.0.0.1:" + certPort()
                    + " via [127.0.0.1]:" + unreachable.closed() + "): ").hasLineCount(1);
        } finally {
            deleteMine(tag);
        }
    }

    @Test
    void aHostKeySignedByTheCertificateAuthorityIsAcceptedAnUnknownOneRefused() {
        Proc.Result cert = qctl("hosts", "check", "-H", "cert", "-o", "json");
        JsonNode checked = json(cert);
        assertThat(checked.get(0).get("reachable").asBoolean()).isTrue();
        assertThat(checked.get(0).get("authenticated").asBoolean()).isTrue();
        assertThat(checked.get(0).get("mta").asText()).isEqualTo("postfix");

        Proc.Result refused = qctl("list", "-H", "certnoca");
        assertThat(refused.exit()).as(refused.describe()).isEqualTo(4);
        assertThat(refused.stderr()).isEqualTo("qctl: host key of certnoca ([127.0.0.1]:" + certPort() + ") is not known: ssh "
                + "refuses the ED25519 key the server offers (no known_hosts entry, no @cert-authority that signed it); "
                + "check it and run 'qctl hosts trust certnoca' to record it\n");
    }

    /** One qctl run, several remote commands (detect the MTA, its version, a listing): one connection. */
    @Test
    void theCommandsOfOneRunShareOneConnection() throws IOException {
        long connections = count(certLog(), "Accepted publickey");
        long sessions = count(certLog(), "Starting session");
        List<String> before = controlDirs();
        Proc.Result check = qctl("hosts", "check", "-H", "cert");
        assertThat(check.exit()).as(check.describe()).isZero();
        List<String> log = Files.readAllLines(Path.of(certLog()));
        assertThat(count(certLog(), "Accepted publickey") - connections).isEqualTo(1);
        long newSessions = count(certLog(), "Starting session") - sessions;
        assertThat(newSessions).as(String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size())))
                .isGreaterThanOrEqualTo(3);
        // All of them on the connection from the same client port.
        Pattern port = Pattern.compile("Starting session: .* from 127\\.0\\.0\\.1 port (\\d+)");
        List<String> ports = new ArrayList<>();
        for (String line : log) {
            Matcher m = port.matcher(line);
            if (m.find()) {
                ports.add(m.group(1));
            }
        }
        assertThat(ports.subList(ports.size() - (int) newSessions, ports.size())).containsOnly(ports.get(ports.size() - 1));
        // qctl ended its master and removed its private directory.
        assertThat(controlDirs()).isEqualTo(before);
        assertThat(Proc.run("pgrep", "-af", "-p " + certPort() + " .*ControlMaster=yes").stdout()).isEmpty();
    }

    @Test
    void aDeadAndASilentHostFailWithinTheirDeadlineWhileTheOthersSucceed() {
        long start = System.nanoTime();
        Proc.Result r = qctl("summary", "-H", "pf,closed,silent,ex", "--connect-timeout", "3s", "-o", "json");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(r.exit()).as(r.describe()).isEqualTo(3);
        assertThat(seconds).as("within the deadline").isLessThan(20);
        JsonNode hosts = PostfixQueue.parse(r.stdout()).get("hosts");
        assertThat(hosts.findValuesAsText("host")).containsExactly("pf", "closed", "silent", "ex");
        assertThat(hosts.get(0).has("summary")).isTrue();
        assertThat(hosts.get(3).has("summary")).isTrue();
        assertThat(hosts.findValuesAsText("error")).hasSize(2);
        assertThat(r.stderr()).contains("qctl: closed: cannot connect to closed (127.0.0.1:" + unreachable.closed() + "): connection refused",
                "qctl: silent: cannot connect to silent (127.0.0.1:" + unreachable.silent() + "): no SSH answer within 3s");

        Proc.Result none = qctl("list", "-H", "closed,silent", "--connect-timeout", "2s", "-o", "json");
        assertThat(none.exit()).as(none.describe()).isEqualTo(4);
    }

    @Test
    void hostsAndGroupsFromAnIniAndAYamlInventory() throws IOException {
        String tag = PostfixHarness.newTag();
        String user = Sandbox.get("QCTL_SANDBOX_SSH_USER");
        Path ini = Files.writeString(home.resolve("hosts.ini"), String.join("\n",
                "# Ansible INI inventory",
                "[mail]",
                "mx[1:2] ansible_host=127.0.0.1 ansible_port=" + SandboxFleet.sshPort(),
                "[mail:vars]",
                "ansible_user=" + user,
                "[relays]",
                "relay1 ansible_host=127.0.0.1 ansible_port=" + certPort(),
                "[everything:children]",
                "mail",
                "relays",
                ""));
        Path yaml = Files.writeString(home.resolve("inventory.yml"), String.join("\n",
                "all:",
                "  children:",
                "    mail:",
                "      hosts:",
                "        mx1:",
                "          ansible_host: 127.0.0.1",
                "          ansible_port: " + SandboxFleet.sshPort(),
                "      vars:",
                "        ansible_user: " + user,
                ""));
        Path cfg = Files.writeString(home.resolve("inventory-config.yaml"), Files.readString(config)
                + "group_settings:\n  everything:\n    sudo: true\n    mta: postfix\n  mail:\n    sudo: true\n    mta: postfix\n");
        Map<String, String> env = new HashMap<>(SandboxFleet.env(home, cfg));
        try {
            PostfixHarness.inject(tag, 1);
            Proc.Result fromIni = Proc.qctlWith(env, null, "list", "--inventory", ini.toString(), "-H", "@everything",
                    "--from", tag + "-*", "-o", "json");
            assertThat(json(fromIni).findValuesAsText("host")).containsExactly("mx1", "mx2", "relay1");
            Proc.Result fromYaml = Proc.qctlWith(env, null, "summary", "--inventory", yaml.toString(), "-H", "@mail",
                    "--from", tag + "-*", "-o", "json");
            assertThat(json(fromYaml).get("messages").asLong()).isEqualTo(1);
            Proc.Result hosts = Proc.qctlWith(env, null, "hosts", "--inventory", ini.toString(), "-o", "json");
            assertThat(json(hosts).get("groups").get("everything").toString()).isEqualTo("[\"@mail\",\"@relays\"]");
        } finally {
            deleteMine(tag);
        }
    }

    private static String certLog() {
        return Sandbox.get("QCTL_SANDBOX_SSH_CERT_LOG");
    }

    private static long count(String file, String text) throws IOException {
        return Files.readAllLines(Path.of(file)).stream().filter(l -> l.contains(text)).count();
    }

    private static List<String> controlDirs() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("qctl-ssh-")).sorted().toList();
        }
    }
}
