package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Who sent what (issue 16), end to end on the real MTAs: messages submitted over SMTP AUTH as two
 * users from two client addresses, unauthenticated from a third, and locally; qctl's origin of each
 * must be what was submitted and what the MTA itself recorded (postcat, exim -Mvh), each origin
 * filter must select exactly the right messages, locally and over SSH, and summary and diagnose
 * must count and name the account.
 */
class OriginIT {
    private static final Pattern POSTCAT_ATTR = Pattern.compile("(?m)^named_attribute: (sasl_username|client_address|helo_name)=(.*)$");
    private static final Pattern EXIM_FLAG = Pattern.compile("(?m)^-{1,2}(auth_id|host_address|helo_name) (.*)$");

    private static Path home;
    private static Path config;

    @BeforeAll
    static void fleet() throws IOException {
        home = Files.createTempDirectory("qctl-origin-home-");
        config = Files.writeString(home.resolve("config.yaml"), "hosts:\n" + SandboxFleet.postfixAndExim());
    }

    /** The messages of one run on one MTA: alice x10 from .2, bob from .3, anonymous from .4, one local. */
    abstract static class OnMta {
        final String tag = PostfixHarness.newTag();
        final Map<String, String> who = new LinkedHashMap<>(); // queue ID -> alice, bob, anon, local
        final Map<String, String> messageIds = new HashMap<>();

        abstract int port();

        abstract String[] target(String... args);

        abstract String sshHost();

        abstract String injectLocal(String sender, String message);

        abstract void remove(List<String> ids);

        /** sasl_username, client_address and helo_name as the MTA's own tool shows them. */
        abstract Map<String, String> mtaView(String id);

        abstract String localProtocol();

        String message(String key, int n, String subject) {
            String mid = "<" + tag + "-" + key + n + "@origin.it>";
            return "From: " + tag + "-" + key + "@example.org\nTo: rcpt@" + tag + ".example\nSubject: " + subject
                    + "\nMessage-ID: " + mid + "\nX-Qctl-Origin-Test: " + tag + "-" + key + n + "\n\norigin test\n";
        }

        void submit() {
            try (SmtpSubmission s = new SmtpSubmission(port(), "127.0.0.2", "web1." + tag + ".test", "alice@qctl.test",
                    "alice-secret")) {
                for (int i = 0; i < 10; i++) {
                    String subject = i == 0 ? "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(
                            (tag + " Grüße").getBytes(StandardCharsets.UTF_8)) + "?=" : tag + " alice " + i;
                    String id = s.send(tag + "-alice@example.org", "rcpt@" + tag + ".example", message("alice", i, subject));
                    who.put(id, "alice");
                    messageIds.put(id, "<" + tag + "-alice" + i + "@origin.it>");
                }
            }
            try (SmtpSubmission s = new SmtpSubmission(port(), "127.0.0.3", "web2." + tag + ".test", "bob@qctl.test",
                    "bob-secret")) {
                String id = s.send(tag + "-bob@example.org", "rcpt@" + tag + ".example", message("bob", 0, tag + " bob"));
                who.put(id, "bob");
                messageIds.put(id, "<" + tag + "-bob0@origin.it>");
            }
            try (SmtpSubmission s = new SmtpSubmission(port(), "127.0.0.4", "anon." + tag + ".test", null, null)) {
                String id = s.send(tag + "-anon@example.org", "rcpt@" + tag + ".example", message("anon", 0, tag + " anon"));
                who.put(id, "anon");
                messageIds.put(id, "<" + tag + "-anon0@origin.it>");
            }
            String local = injectLocal(tag + "-local@example.org", message("local", 0, tag + " local"));
            who.put(local, "local");
            messageIds.put(local, "<" + tag + "-local0@origin.it>");
        }

        List<String> idsOf(String... kinds) {
            List<String> ids = new ArrayList<>();
            who.forEach((id, k) -> {
                if (List.of(kinds).contains(k)) {
                    ids.add(id);
                }
            });
            return ids.stream().sorted().toList();
        }

        Proc.Result qctl(String... args) {
            return Proc.qctl(target(args));
        }

        List<String> select(String... filter) {
            List<String> args = new ArrayList<>(List.of("list", "--from", tag + "-*", "-o", "ids"));
            args.addAll(List.of(filter));
            Proc.Result r = qctl(args.toArray(String[]::new));
            assertThat(r.exit()).as(r.describe()).isZero();
            return r.stdout().lines().sorted().toList();
        }

        @Test
        void everyRecordsOriginIsWhatWasSubmittedAndWhatTheMtaRecorded() {
            Proc.Result r = qctl("list", "--from", tag + "-*", "--with", "origin,subject,message-id", "-o", "json");
            assertThat(r.exit()).as(r.describe()).isZero();
            JsonNode records = PostfixQueue.parse(r.stdout());
            Map<String, JsonNode> byId = new TreeMap<>();
            records.forEach(n -> byId.put(n.get("id").asText(), n));
            assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(who.keySet());
            for (Map.Entry<String, JsonNode> e : byId.entrySet()) {
                String kind = who.get(e.getKey());
                JsonNode o = e.getValue().get("origin");
                assertThat(e.getValue().get("message_id").asText()).isEqualTo(messageIds.get(e.getKey()));
                switch (kind) {
                    case "alice", "bob" -> {
                        assertThat(o.get("sasl_username").asText()).isEqualTo(kind + "@qctl.test");
                        assertThat(o.get("sasl_method").asText()).isEqualTo("PLAIN");
                        assertThat(o.get("client_address").asText()).isEqualTo(kind.equals("alice") ? "127.0.0.2" : "127.0.0.3");
                        assertThat(o.get("helo").asText()).isEqualTo((kind.equals("alice") ? "web1." : "web2.") + tag + ".test");
                        assertThat(o.get("protocol").asText()).isEqualTo("ESMTPA");
                    }
                    case "anon" -> {
                        assertThat(o.get("sasl_username").isNull()).isTrue();
                        assertThat(o.get("client_address").asText()).isEqualTo("127.0.0.4");
                        assertThat(o.get("helo").asText()).isEqualTo("anon." + tag + ".test");
                        assertThat(o.get("protocol").asText()).isEqualTo("ESMTP");
                    }
                    default -> {
                        assertThat(o.get("client_address").isNull()).isTrue();
                        assertThat(o.get("sasl_username").isNull()).isTrue();
                        assertThat(o.get("local_uid").asInt()).as("submitted as root").isZero();
                        assertThat(o.get("protocol").asText()).isEqualTo(localProtocol());
                    }
                }
                Map<String, String> mta = mtaView(e.getKey());
                assertThat(mta.get("sasl_username")).isEqualTo(o.get("sasl_username").isNull() ? null : o.get("sasl_username").asText());
                assertThat(mta.get("client_address")).isEqualTo(o.get("client_address").isNull() ? null : o.get("client_address").asText());
                assertThat(mta.get("helo_name")).isEqualTo(o.get("helo").isNull() ? null : o.get("helo").asText());
            }
            String first = idsOf("alice").stream().filter(id -> messageIds.get(id).contains("alice0@")).findFirst().orElseThrow();
            assertThat(byId.get(first).get("subject").asText()).as("RFC 2047 decoded").isEqualTo(tag + " Grüße");
        }

        @Test
        void eachFilterSelectsExactlyItsMessages() {
            assertThat(select("--auth-user", "alice@qctl.test")).isEqualTo(idsOf("alice"));
            assertThat(select("--auth-user", "*@qctl.test")).isEqualTo(idsOf("alice", "bob"));
            assertThat(select("--client", "127.0.0.3")).isEqualTo(idsOf("bob"));
            assertThat(select("--client", "127.0.0.2/31")).as("127.0.0.2 and .3").isEqualTo(idsOf("alice", "bob"));
            assertThat(select("--client", "anon." + tag + ".test")).as("no name lookups here: not the HELO").isEmpty();
            assertThat(select("--subject", "*Grüße*")).hasSize(1).isSubsetOf(idsOf("alice"));
            String bob = idsOf("bob").get(0);
            assertThat(select("--message-id", messageIds.get(bob))).containsExactly(bob);
            assertThat(select("--header", "X-Qctl-Origin-Test: " + tag + "-anon0")).isEqualTo(idsOf("anon"));
            assertThat(select("--auth-user", "alice@qctl.test", "--client", "127.0.0.3")).isEmpty();
            Proc.Result bad = qctl("list", "--client", "10.0.0.0/33");
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.stderr()).contains("invalid network '10.0.0.0/33'").doesNotContain("Exception");
        }

        @Test
        void summaryBySaslUserCountsExactly() {
            Proc.Result r = qctl("summary", "--by", "sasl-user", "--from", tag + "-*", "-o", "json");
            assertThat(r.exit()).as(r.describe()).isZero();
            JsonNode s = PostfixQueue.parse(r.stdout());
            assertThat(s.get("by").asText()).isEqualTo("sasl-user");
            assertThat(s.get("messages").asLong()).isEqualTo(13);
            assertThat(s.get("exact").asBoolean()).isTrue();
            Map<String, Long> counts = new LinkedHashMap<>();
            s.get("top").forEach(row -> counts.put(row.get("key").asText(), row.get("messages").asLong()));
            assertThat(counts).containsExactly(Map.entry("alice@qctl.test", 10L), Map.entry("(none)", 2L),
                    Map.entry("bob@qctl.test", 1L));
            Proc.Result byClient = qctl("summary", "--by", "client", "--from", tag + "-*", "-o", "csv", "--no-headers");
            assertThat(byClient.stdout().lines().map(l -> String.join(",", List.of(l.split(",")).subList(0, 3))).toList())
                    .as("key, messages, recipients").containsExactly("127.0.0.2,10,10", "127.0.0.3,1,1", "127.0.0.4,1,1",
                            "local,1,1");
        }

        @Test
        void diagnoseNamesTheAccountAndTheCommands() {
            Proc.Result r = qctl("diagnose", "--from", tag + "-*", "-o", "json");
            assertThat(r.exit()).as(r.describe()).isZero();
            JsonNode signals = PostfixQueue.parse(r.stdout()).get("signals");
            JsonNode account = null;
            for (JsonNode s : signals) {
                if (s.get("signal").asText().equals("dominant-account")) {
                    account = s;
                }
            }
            assertThat(account).as(r.stdout()).isNotNull();
            List<String> commands = new ArrayList<>();
            account.get("next_step").get("commands").forEach(c -> commands.add(c.asText()));
            assertThat(commands).hasSize(3);
            assertThat(commands.get(0)).startsWith("qctl hold ").endsWith(" --auth-user alice@qctl.test");
            assertThat(commands.get(1)).startsWith("qctl delete ").endsWith(" --auth-user alice@qctl.test --dry-run");
            assertThat(account.get("messages").asLong()).isEqualTo(10);
            Proc.Result text = qctl("diagnose", "--from", tag + "-*");
            assertThat(text.stdout()).contains("alice@qctl.test");
        }

        @Test
        void overSshTheFiltersSelectTheSame() {
            Proc.Result r = Proc.qctlWith(SandboxFleet.env(home, config), null, "list", "-H", sshHost(), "--from",
                    tag + "-*", "--auth-user", "alice@qctl.test", "-o", "ids");
            assertThat(r.exit()).as(r.describe()).isZero();
            assertThat(r.stdout().lines().sorted().toList()).isEqualTo(idsOf("alice"));
            Proc.Result s = Proc.qctlWith(SandboxFleet.env(home, config), null, "summary", "-H", sshHost(), "--by",
                    "sasl-user", "--from", tag + "-*", "-o", "csv", "--no-headers");
            assertThat(s.exit()).as(s.describe()).isZero();
            assertThat(s.stdout().lines().map(l -> l.split(",")[0] + "=" + l.split(",")[1]).toList())
                    .containsExactly("alice@qctl.test=10", "(none)=2", "bob@qctl.test=1");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Postfix extends OnMta {
        @BeforeAll
        void inject() {
            Sandbox.requirePostfix();
            dev.qctl.exec.ssh.SshSandboxAccess.require();
            submit();
            PostfixHarness.waitFor(tag, who.size(), n -> n.get("queue_name").asText().equals("deferred"));
        }

        @AfterAll
        void cleanUp() {
            remove(List.copyOf(who.keySet()));
        }

        @Override
        int port() {
            return Integer.parseInt(Sandbox.get("QCTL_SANDBOX_POSTFIX_SMTP_PORT"));
        }

        @Override
        String[] target(String... args) {
            return args;
        }

        @Override
        String sshHost() {
            return "pf";
        }

        @Override
        String localProtocol() {
            return "LOCAL";
        }

        @Override
        String injectLocal(String sender, String message) {
            Proc.Result r = Proc.run(List.of("/usr/sbin/sendmail", "-f", sender, "rcpt@" + tag + ".example"), Map.of(),
                    message.getBytes(StandardCharsets.UTF_8));
            assertThat(r.exit()).as(r.describe()).isZero();
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                for (JsonNode n : PostfixQueue.postqueueJ()) {
                    if (PostfixQueue.sender(n).equals(sender)) {
                        return n.get("queue_id").asText();
                    }
                }
                PostfixHarness.sleep(200);
            }
            throw new AssertionError("the local submission did not reach the queue");
        }

        @Override
        void remove(List<String> ids) {
            for (String id : ids) {
                Proc.run("/usr/sbin/postsuper", "-d", id);
            }
        }

        @Override
        Map<String, String> mtaView(String id) {
            Proc.Result r = Proc.run("/usr/sbin/postcat", "-e", "-q", id);
            assertThat(r.exit()).as(r.describe()).isZero();
            Map<String, String> view = new HashMap<>();
            Matcher m = POSTCAT_ATTR.matcher(r.stdout());
            while (m.find()) {
                view.put(m.group(1), m.group(2));
            }
            return view;
        }

        @Test
        void holdByAuthUserHoldsExactlyThatAccountsMessages() {
            Map<String, String> before = PostfixHarness.snapshot();
            Proc.Result hold = Proc.qctl("hold", "--auth-user", "bob@qctl.test", "--from", tag + "-*", "--yes", "-o", "json");
            assertThat(hold.exit()).as(hold.describe()).isZero();
            String bob = idsOf("bob").get(0);
            PostfixHarness.waitFor(tag, who.size(), n -> !n.get("queue_id").asText().equals(bob)
                    || n.get("queue_name").asText().equals("hold"));
            Map<String, String> after = PostfixHarness.snapshot();
            assertThat(PostfixHarness.without(after, List.of(bob))).isEqualTo(PostfixHarness.without(before, List.of(bob)));
            assertThat(after.get(bob)).startsWith("hold ");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Exim extends OnMta {
        @BeforeAll
        void inject() {
            Sandbox.requireExim();
            dev.qctl.exec.ssh.SshSandboxAccess.require();
            submit();
        }

        @AfterAll
        void cleanUp() {
            remove(List.copyOf(who.keySet()));
        }

        @Override
        int port() {
            return Integer.parseInt(Sandbox.get("QCTL_SANDBOX_EXIM_SMTP_PORT"));
        }

        @Override
        String[] target(String... args) {
            List<String> all = new ArrayList<>(List.of(args));
            if (!List.of(args).contains("-H")) {
                all.addAll(List.of("--mta", "exim"));
            }
            return EximQueue.target(all.toArray(String[]::new));
        }

        @Override
        String sshHost() {
            return "ex";
        }

        @Override
        String localProtocol() {
            return "LOCAL";
        }

        @Override
        String injectLocal(String sender, String message) {
            Proc.Result r = Proc.run(List.of(EximQueue.bin(), "-C", EximQueue.config(), "-odq", "-f", sender,
                    "rcpt@" + tag + ".example"), Map.of(), message.getBytes(StandardCharsets.UTF_8));
            assertThat(r.exit()).as(r.describe()).isZero();
            return EximQueue.bp().values().stream().filter(m -> m.sender().equals(sender)).map(EximQueue.BpMessage::id)
                    .findFirst().orElseThrow();
        }

        @Override
        void remove(List<String> ids) {
            for (String id : ids) {
                EximQueue.exim("-Mrm", id);
            }
        }

        @Override
        Map<String, String> mtaView(String id) {
            Proc.Result r = EximQueue.exim("-Mvh", id);
            assertThat(r.exit()).as(r.describe()).isZero();
            Map<String, String> view = new HashMap<>();
            Matcher m = EXIM_FLAG.matcher(r.stdout());
            while (m.find()) {
                String name = switch (m.group(1)) {
                    case "auth_id" -> "sasl_username";
                    case "host_address" -> "client_address";
                    default -> "helo_name";
                };
                String value = m.group(2);
                view.put(name, name.equals("client_address") ? value.replaceAll("^\\[(.*)\\]:\\d+$", "$1") : value);
            }
            return view;
        }
    }
}
