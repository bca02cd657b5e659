package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code qctl tui} on two hosts at once in a real terminal (tmux): the sandbox's Postfix as host
 * {@code pf} and its Exim as host {@code ex}, both over the real sshd. One list with a HOST column
 * and per-host counts; a message of each host marked and held in one action; then postqueue -j
 * and exim -bp prove that exactly those two changed. Hosts that cannot be reached are named.
 */
class TuiFleetTmuxIT {
    /** The per-host part of the status bar: "| pf 7  ex 8  |". */
    private static final Pattern HOST_COUNTS = Pattern.compile("\\| pf (\\d+)  ex (\\d+)  \\|");

    private static Path home;
    private static Path config;

    @BeforeAll
    static void setUp() throws IOException {
        Sandbox.requireTmux();
        Sandbox.requirePostfix();
        Sandbox.requireExim();
        dev.qctl.exec.ssh.SshSandboxAccess.require();
        home = Files.createTempDirectory("qctl-tui-fleet-home-");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort(); // nothing listens here once it is closed
        }
        String closed = SandboxFleet.host("closed", closedPort, SandboxFleet.key(), SandboxFleet.knownHosts())
                + "    mta: postfix\n";
        config = Files.writeString(home.resolve("config.yaml"), "hosts:\n" + SandboxFleet.postfixAndExim() + closed
                + closed.replace("  closed:", "  closed2:") + "groups:\n  both: [pf, ex]\n");
    }

    /** The shell command line: qctl with the test's config, home and audit log, no agent. */
    private static String command(String... args) {
        StringBuilder sb = new StringBuilder("TERM=xterm-256color");
        SandboxFleet.env(home, config).forEach((k, v) -> sb.append(' ').append(k).append("='").append(v).append('\''));
        sb.append(' ').append(Proc.qctlLauncher()).append(" tui --refresh 2");
        for (String a : args) {
            sb.append(' ').append(a);
        }
        return sb.toString();
    }

    @Test
    void bothHostsInOneListMarkOneOnEachHoldBoth() throws IOException {
        String tag = PostfixHarness.newTag();
        List<String> pf = PostfixHarness.inject(tag, 2);
        List<String> ex = EximQueue.inject(tag, 2);
        Map<String, String> pfBefore = PostfixHarness.snapshot();
        Map<String, EximQueue.BpMessage> exBefore = EximQueue.bp();
        List<String> held = List.of(pf.get(0), ex.get(0));
        try (Tmux tmux = Tmux.start("qctl-" + tag, 180, 40)) {
            tmux.type(command("-H", "@both"));
            // The counts per host are those of each MTA's whole queue (the lock keeps them still).
            String first = tmux.waitFor("counts per host equal to postqueue -j and exim -bp", s -> {
                Matcher m = HOST_COUNTS.matcher(s);
                return !s.contains("loading") && m.find() && Integer.parseInt(m.group(1)) == PostfixHarness.snapshot().size()
                        && Integer.parseInt(m.group(2)) == EximQueue.bp().size();
            });
            assertThat(first.lines().findFirst().orElse("")).startsWith("  HOST   ID").contains("QUEUE", "REASON");

            // the tag: the messages of both hosts, each row with its host
            tmux.keys("/");
            tmux.text(tag);
            tmux.keys("Enter");
            String mine = tmux.waitFor("the tag on both hosts", s -> s.contains("4 shown") && s.contains("filter: " + tag));
            for (String id : pf) {
                assertThat(mine).containsPattern("(?m)^  pf +" + id + " ");
            }
            for (String id : ex) {
                assertThat(mine).containsPattern("(?m)^  ex +" + id + " ");
            }

            // host: narrows to one host; x takes that filter away again
            tmux.keys("/");
            tmux.text("host:ex");
            tmux.keys("Enter");
            String exOnly = tmux.waitFor("ex's messages of the tag", s -> s.contains("2 shown")
                    && s.contains("filter: " + tag + " & host:ex"));
            assertThat(exOnly).contains(ex.get(0), ex.get(1)).doesNotContain(pf.get(0));
            tmux.keys("x");
            tmux.waitFor("the tag on both hosts again", s -> s.contains("4 shown") && !s.contains("host:ex"));

            // sort by host: ex's rows first, each host's by ID
            for (int i = 0; i < 7; i++) {
                tmux.keys("s");
            }
            tmux.waitFor("sorted by host", s -> s.contains("sort host") && s.contains("  HOSTv "));
            assertThat(tmux.idsShown(List.of(pf.get(0), pf.get(1), ex.get(0), ex.get(1))))
                    .containsExactly(ex.get(0), ex.get(1), pf.get(0), pf.get(1));

            // Enter opens an Exim row through ex's own adapter: its envelope, body and message log
            tmux.keys("Home", "Enter");
            String view = tmux.waitFor("ex's message", s -> s.contains("Subject: " + tag + " 0"));
            assertThat(view).contains("Host:       ex", "MTA:        exim");
            tmux.keys("End");
            tmux.waitFor("the message log", s -> s.contains("-- message log --"));
            tmux.keys("q");
            tmux.waitFor("the list again", s -> s.contains("sort host"));

            // mark ex's first and pf's first, hold both in one action
            tmux.keys("Home", "Space", "j", "Space");
            tmux.waitFor("two marks", s -> s.contains("2 marked"));
            tmux.keys("h");
            tmux.waitFor("the confirmation", s -> s.contains("Put on hold 2 messages on 2 hosts? [y/n]"));
            tmux.keys("y");
            tmux.waitFor("the result per host", s -> s.contains("hold: 1 ok on pf; 1 ok on ex"));
            String done = tmux.waitFor("the refreshed list", s -> s.contains("hold: 1 ok on pf")
                    && s.lines().filter(l -> l.contains(" hold ")).count() >= 2);
            TuiTmuxIT.capture(done, "fleet");

            tmux.keys("q");
            tmux.waitFor("the shell prompt", s -> s.strip().endsWith(Tmux.PROMPT.strip()));
            assertThat(tmux.alternateScreen()).as("alternate screen left").isFalse();
            tmux.assertCookedMode();

            // exactly the two marked messages changed, one on each MTA
            Map<String, String> pfAfter = PostfixHarness.snapshot();
            assertThat(pfAfter.get(pf.get(0))).startsWith("hold ");
            assertThat(pfAfter.get(pf.get(1))).startsWith("deferred ");
            assertThat(PostfixHarness.without(pfAfter, held)).isEqualTo(PostfixHarness.without(pfBefore, held));
            Map<String, EximQueue.BpMessage> exAfter = EximQueue.bp();
            assertThat(exAfter.get(ex.get(0)).frozen()).isTrue();
            assertThat(exAfter.get(ex.get(1)).frozen()).isFalse();
            assertThat(EximQueue.without(exAfter, held)).isEqualTo(EximQueue.without(exBefore, held));
            assertThat(Files.readString(home.resolve("audit.log")))
                    .contains("\"host\":\"pf\"", "\"host\":\"ex\"", "\"action\":\"hold\"", pf.get(0), ex.get(0))
                    .doesNotContain(pf.get(1)).doesNotContain(ex.get(1));
        } finally {
            pf.forEach(id -> Proc.run("/usr/sbin/postsuper", "-d", id));
            List<String> rm = new ArrayList<>(List.of("-Mrm"));
            rm.addAll(ex);
            EximQueue.exim(rm.toArray(new String[0]));
        }
        assertThat(PostfixHarness.snapshot()).doesNotContainKeys(pf.toArray(new String[0]));
        assertThat(EximQueue.bp()).doesNotContainKeys(ex.toArray(new String[0]));
    }

    @Test
    void anUnreachableHostIsNamedAndTheOthersShow() {
        String tag = PostfixHarness.newTag();
        try (Tmux tmux = Tmux.start("qctl-" + tag, 160, 30)) {
            tmux.type(command("-H", "pf,closed", "--connect-timeout", "3s") + "; echo \"partial=$?\"");
            String list = tmux.waitFor("pf's queue with closed down", s -> s.contains("? help")
                    && s.contains("closed down") && !s.contains("loading"));
            assertThat(list.lines().findFirst().orElse("")).startsWith("  HOST   ID");
            assertThat(list).containsPattern("\\| pf \\d+  closed down  \\|").contains("cannot reach closed (");
            tmux.keys("q");
            String after = tmux.waitFor("the exit code", s -> Pattern.compile("partial=\\d").matcher(s).find());
            assertThat(after).contains("qctl: closed: ", "partial=3"); // some hosts failed, as for list
            assertThat(tmux.alternateScreen()).isFalse();

            // none reachable: one line and the exit code of the other commands (4), no full screen
            tmux.type(command("-H", "closed,closed2", "--connect-timeout", "3s") + "; echo \"exit=$?\"");
            String none = tmux.waitFor("the exit code", s -> Pattern.compile("exit=\\d").matcher(s).find());
            assertThat(none).contains("qctl: no host can be reached: closed: ", "; closed2: ", "exit=4");
            assertThat(tmux.alternateScreen()).isFalse();
        }
    }
}
