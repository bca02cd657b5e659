package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * qctl suspend, resume, suspensions and setup suspend on the sandbox's real Postfix and Exim.
 * suspend.mx.test is routed to a loopback server of its own (port 2535, scripts/sandbox.d), which
 * counts the connections it gets; other *.mx.test domains go to the one on 2530. The test sets the
 * sandbox up with qctl setup suspend and puts main.cf's transport_maps and exim.conf back after.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuspendIT {
    static final int SUSPEND_PORT = 2535;
    static final String SUSPENDED = "suspend.mx.test";
    static final String OTHER = "other.mx.test";
    static final String HELPER = "/usr/local/lib/qctl/suspend.sh";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path home;
    private static Path config;
    private static String transportMaps;
    private static byte[] eximConf;
    private static Path eximConfPath;

    @BeforeAll
    static void setUp() throws IOException {
        Sandbox.requirePostfix();
        Sandbox.requireExim();
        home = Files.createTempDirectory("qctl-suspend-home-");
        config = Files.writeString(home.resolve("config.yaml"), "hosts:\n" + SandboxFleet.postfixAndExim());
        transportMaps = Proc.run("postconf", "-h", "transport_maps").stdout().strip();
        eximConfPath = Path.of(EximQueue.config());
        eximConf = Files.readAllBytes(eximConfPath);
        Proc.Result pf = local("setup", "suspend", "--mta", "postfix", "--yes");
        assertThat(pf.exit()).as(pf.describe()).isZero();
        assertThat(Proc.run("postconf", "-h", "transport_maps").stdout().strip())
                .isEqualTo("hash:/etc/postfix/qctl-suspend, " + transportMaps);
        Proc.Result ex = localExim("setup", "suspend", "--yes");
        assertThat(ex.exit()).as(ex.describe()).isZero();
        assertThat(Files.readString(eximConfPath)).contains("qctl_suspend:\n  driver = redirect\n");
        Proc.Result again = local("setup", "suspend", "--mta", "postfix", "--yes");
        assertThat(again.stderr()).contains("already set up");
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (transportMaps != null) {
            Proc.run("postconf", "-e", "transport_maps = " + transportMaps);
            Proc.run("postfix", "reload");
        }
        if (eximConf != null) {
            Files.write(eximConfPath, eximConf);
        }
        for (String f : List.of("/etc/cron.d/qctl-suspend-postfix-etc-postfix-qctl-suspend",
                "/etc/cron.d/qctl-suspend-exim" + eximConfPath.getParent().resolve("qctl-suspend").toString().replace('/', '-'))) {
            Files.deleteIfExists(Path.of(f));
        }
    }

    static Proc.Result local(String... args) {
        return Proc.qctlWith(Map.of("JAVA_OPTS", "-Duser.home=" + home, "QCTL_AUDIT_LOG", home.resolve("audit.log").toString()),
                null, args);
    }

    static Proc.Result localExim(String... args) {
        return local(EximQueue.target(args));
    }

    private static Proc.Result fleet(String... args) {
        Map<String, String> env = new HashMap<>(SandboxFleet.env(home, config));
        return Proc.qctlWith(env, null, args);
    }

    private static void ok(Proc.Result r) {
        assertThat(r.exit()).as(r.describe()).isZero();
    }

    private static void sendPostfix(String from, String to) {
        Proc.Result r = Proc.run(List.of("/usr/sbin/sendmail", "-f", from, to), Map.of(),
                ("Subject: suspend test\n\nqctl suspend test\n").getBytes(StandardCharsets.UTF_8));
        ok(r);
    }

    private static void sendExim(String from, String to) {
        Proc.Result r = Proc.run(List.of(EximQueue.bin(), "-C", EximQueue.config(), "-odq", "-f", from, to), Map.of(),
                ("Subject: suspend test\n\nqctl suspend test\n").getBytes(StandardCharsets.UTF_8));
        ok(r);
    }

    private static JsonNode list(Proc.Result r) throws IOException {
        ok(r);
        List<JsonNode> all = new ArrayList<>();
        JsonNode root = JSON.readTree(r.stdout().isBlank() ? "[]" : r.stdout());
        root.forEach(all::add);
        return JSON.valueToTree(all);
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 40_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            PostfixHarness.sleep(250);
        }
    }

    private static JsonNode suspensions(Proc.Result r) throws IOException {
        ok(r);
        return JSON.readTree(r.stdout()).get("suspensions");
    }

    @Test
    @Order(1)
    void postfixSuspendedDomainGetsNoConnectionAndResumeDeliversIt() throws IOException {
        String tag = PostfixHarness.newTag();
        String reason = "provider blocks us " + tag;
        try (FakeMx suspended = FakeMx.on(SUSPEND_PORT).start(); FakeMx other = FakeMx.on(FakeMx.PORT).start()) {
            ok(local("suspend", SUSPENDED, "--reason", reason, "--mta", "postfix"));
            sendPostfix(tag + "-0@example.org", "rcpt@" + SUSPENDED);
            sendPostfix(tag + "-1@example.org", "rcpt@" + OTHER);
            List<String> ids = PostfixHarness.waitFor(tag, 1, n -> n.get("queue_name").asText().equals("deferred"));
            ok(local("flush", "--mta", "postfix"));
            await("the other domain's delivery", () -> other.messages().stream()
                    .anyMatch(m -> m.mailFrom().equals(tag + "-1@example.org")));
            PostfixHarness.sleep(1500); // a flush tries the suspended message too: give it time to connect, if it would
            assertThat(suspended.connections()).as("connections to the suspended domain's server").isZero();
            assertThat(local("list", "--from", tag + "-*", "-o", "json", "--mta", "postfix").stdout())
                    .contains("suspended by qctl: " + reason);
            JsonNode listed = suspensions(local("suspensions", "-o", "json", "--mta", "postfix"));
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("domain").asText()).isEqualTo(SUSPENDED);
            assertThat(listed.get(0).get("reason").asText()).isEqualTo(reason);
            assertThat(listed.get(0).get("messages").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(listed.get(0).get("until").isNull()).isTrue();

            ok(local("resume", SUSPENDED, "--mta", "postfix"));
            ok(local("flush", "--mta", "postfix"));
            await("the resumed domain's delivery", () -> suspended.messages().stream()
                    .anyMatch(m -> m.mailFrom().equals(tag + "-0@example.org")));
            assertThat(suspended.connections()).isPositive();
            await("the queue without the message", () -> PostfixHarness.messagesOf(tag).isEmpty());
            assertThat(ids).hasSize(1);
        }
        String audit = Files.readString(home.resolve("audit.log"));
        assertThat(audit).contains("\"action\":\"suspend\"", "\"action\":\"resume\"", "\"domains\":[\"" + SUSPENDED + "\"]");
    }

    @Test
    @Order(2)
    void eximSuspendedDomainGetsNoConnectionAndResumeDeliversIt() throws IOException {
        String tag = PostfixHarness.newTag();
        String reason = "partner MX down " + tag;
        try (FakeMx suspended = FakeMx.on(SUSPEND_PORT).start(); FakeMx other = FakeMx.on(FakeMx.PORT).start()) {
            ok(localExim("suspend", SUSPENDED, "--reason", reason));
            sendExim(tag + "-0@example.org", "rcpt@" + SUSPENDED);
            sendExim(tag + "-1@example.org", "rcpt@" + OTHER);
            ok(localExim("flush"));
            await("the other domain's delivery", () -> other.messages().stream()
                    .anyMatch(m -> m.mailFrom().equals(tag + "-1@example.org")));
            assertThat(suspended.connections()).as("connections to the suspended domain's server").isZero();
            assertThat(localExim("list", "--from", tag + "-*", "-o", "json").stdout())
                    .contains("suspended by qctl: " + reason);
            JsonNode listed = suspensions(localExim("suspensions", "-o", "json"));
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("reason").asText()).isEqualTo(reason);
            assertThat(listed.get(0).get("messages").asLong()).isEqualTo(1);
            assertThat(listed.get(0).get("recipients").asLong()).isEqualTo(1);

            ok(localExim("resume", SUSPENDED));
            ok(localExim("flush"));
            await("the resumed domain's delivery", () -> suspended.messages().stream()
                    .anyMatch(m -> m.mailFrom().equals(tag + "-0@example.org")));
            assertThat(EximQueue.bp().values()).noneMatch(m -> m.sender().startsWith(tag + "-"));
        }
    }

    @Test
    @Order(3)
    void aSuspensionForThreeSecondsIsGoneOnceTheExpiryScriptRuns() throws IOException {
        String domain = "expiry.mx.test";
        ok(local("suspend", domain, "--for", "3s", "--reason", "short", "--mta", "postfix"));
        ok(localExim("suspend", domain, "--for", "3s", "--reason", "short"));
        assertThat(Proc.run("postmap", "-q", domain, "hash:/etc/postfix/qctl-suspend").stdout())
                .contains("retry:4.0.0 suspended by qctl: short");
        PostfixHarness.sleep(4000);
        Proc.Result overdue = local("suspensions", "-o", "json", "--mta", "postfix");
        assertThat(suspensions(overdue).get(0).get("overdue").asBoolean()).isTrue();
        assertThat(overdue.stderr()).contains(domain + " is past its end but still suspended");

        ok(Proc.run(HELPER, "expire", "postfix", "/etc/postfix/qctl-suspend", "-"));
        String eximMap = eximConfPath.getParent().resolve("qctl-suspend").toString();
        ok(Proc.run(HELPER, "expire", "exim", eximMap, "-"));
        assertThat(suspensions(local("suspensions", "-o", "json", "--mta", "postfix"))).isEmpty();
        assertThat(suspensions(localExim("suspensions", "-o", "json"))).isEmpty();
        assertThat(Proc.run("postmap", "-q", domain, "hash:/etc/postfix/qctl-suspend").exit()).isEqualTo(1);
        assertThat(Files.readString(Path.of(eximMap))).doesNotContain(domain);
    }

    @Test
    @Order(4)
    void suspendAndResumeOverSshOnBothMtas() throws IOException {
        dev.qctl.exec.ssh.SshSandboxAccess.require();
        String domain = "remote.mx.test";
        ok(fleet("suspend", domain, "-H", "pf,ex", "--for", "1h", "--reason", "over ssh"));
        JsonNode listed = suspensions(fleet("suspensions", "-H", "pf,ex", "-o", "json"));
        assertThat(listed).hasSize(2);
        assertThat(listed.findValuesAsText("host")).containsExactly("pf", "ex");
        assertThat(listed.findValuesAsText("domain")).containsOnly(domain);
        assertThat(listed.findValuesAsText("by")).containsOnly(System.getProperty("user.name"));
        // the maps on the machine say the same as qctl over SSH
        assertThat(Proc.run("postmap", "-q", domain, "hash:/etc/postfix/qctl-suspend").stdout()).contains("over ssh");
        assertThat(Files.readString(eximConfPath.getParent().resolve("qctl-suspend"))).contains(domain + "\tsuspended by qctl: over ssh");
        ok(fleet("resume", domain, "-H", "pf,ex"));
        assertThat(suspensions(fleet("suspensions", "-H", "pf,ex", "-o", "json"))).isEmpty();
    }

    @Test
    @Order(5)
    void setupRollsBackAConfigurationItWouldBreak() throws IOException {
        // an Exim configuration with a hand-made router of the same name: the inserted one would be a duplicate
        Path dir = Files.createTempDirectory(home, "exim-conf-");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String original = new String(eximConf, StandardCharsets.UTF_8).replace("begin routers\n",
                "begin routers\n\nqctl_suspend:\n  driver = redirect\n  domains = never.invalid\n  data = :blackhole:\n\n");
        Path conf = Files.writeString(dir.resolve("exim.conf"), original);
        ok(Proc.run(EximQueue.bin(), "-C", conf.toString(), "-bV"));
        Proc.Result r = local("setup", "suspend", "--yes", "--exim-bin", EximQueue.bin(), "--exim-config", conf.toString());
        assertThat(r.exit()).as(r.describe()).isNotZero();
        assertThat(r.stderr()).contains("exim -bV rejects the changed configuration", "rolled back");
        assertThat(Files.readString(conf)).isEqualTo(original);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .anySatisfy(n -> assertThat(n).startsWith("exim.conf.qctl-backup-"))
                    .noneMatch(n -> n.equals("qctl-suspend"));
        }
        Proc.Result suspend = local("suspend", "x.mx.test", "--exim-bin", EximQueue.bin(), "--exim-config", conf.toString());
        assertThat(suspend.exit()).isEqualTo(2);
        assertThat(suspend.stderr()).contains("run qctl setup suspend");
    }
}
