package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code qctl tui} in a real terminal (tmux) against the real Postfix and Exim of the sandbox:
 * navigate, filter, open a message, mark two messages, hold them, quit; then the MTA's own tools
 * prove that exactly those two changed, and tmux that the terminal was restored.
 */
class TuiTmuxIT {
    private static Path auditLog;

    @BeforeAll
    static void tools() throws IOException {
        Sandbox.requireTmux();
        auditLog = Files.createTempFile("qctl-tui-audit-", ".log");
    }

    private static String command(String term, String... args) {
        StringBuilder sb = new StringBuilder("TERM=" + term + " QCTL_AUDIT_LOG=" + auditLog + " "
                + Proc.qctlLauncher() + " tui --refresh 2");
        for (String a : args) {
            sb.append(' ').append(a);
        }
        return sb.toString();
    }

    @Test
    void postfixBrowseFilterOpenMarkHoldQuit() throws IOException {
        Sandbox.requirePostfix();
        String tag = PostfixHarness.newTag();
        List<String> ids = PostfixHarness.inject(tag, 2);
        Map<String, String> before = PostfixHarness.snapshot();
        try (Tmux tmux = Tmux.start("qctl-" + tag, 160, 40)) {
            tmux.type(command("screen"));
            String first = tmux.waitFor("the list", s -> s.contains("? help") && s.contains(ids.get(0)));
            assertThat(first).contains("ID", "QUEUE", "AGE", "SIZE", "SENDER", "RECIPIENTS", "REASON");
            assertThat(tmux.alternateScreen()).isTrue();

            // move around the whole queue
            // (compare IDs, not whole rows: the AGE column moves on between two captures)
            tmux.keys("j", "j", "k", "End");
            String last = idOf(tmux.cursorRow());
            tmux.keys("Home");
            String top = idOf(tmux.cursorRow());
            assertThat(top).isNotEqualTo(last);
            tmux.keys("G");
            assertThat(idOf(tmux.cursorRow())).isEqualTo(last);
            tmux.keys("g", "Down", "Up");
            assertThat(idOf(tmux.cursorRow())).isEqualTo(top);

            // the list narrows as the tag is typed; Enter keeps the filter
            tmux.keys("/");
            tmux.text(tag);
            tmux.waitFor("the filtered list", s -> s.contains("2 shown") && s.contains("/" + tag));
            tmux.keys("Enter");
            String filtered = tmux.waitFor("the kept filter", s -> s.contains("filter: " + tag) && !s.contains("/" + tag));
            List<String> order = tmux.idsShown(ids);
            assertThat(order).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(filtered.lines().filter(l -> l.matches("^[ *] [0-9A-F]{6,} .*")).count()).isEqualTo(2);

            // open the first one, its subject shows; back to the list
            tmux.keys("Home", "Enter");
            String view = tmux.waitFor("the message view", s -> s.contains("Subject: " + tag));
            assertThat(view).contains("ID:         " + order.get(0), "Sender:", "qctl end-to-end test message");
            tmux.keys("q");
            tmux.waitFor("the list again", s -> s.contains("filter: " + tag));

            // mark both, hold, confirm
            tmux.keys("Space", "Space");
            tmux.waitFor("two marks", s -> s.contains("2 marked"));
            tmux.keys("h");
            tmux.waitFor("the confirmation", s -> s.contains("Put on hold 2 messages? [y/n]"));
            tmux.keys("y");
            tmux.waitFor("the result", s -> s.contains("hold: 2 ok"));
            String done = tmux.waitFor("the refreshed list", s -> s.lines().filter(l -> l.contains(" hold ")).count() >= 2);
            capture(done, "postfix");

            tmux.keys("q");
            String after = tmux.waitFor("the shell prompt", s -> s.strip().endsWith(Tmux.PROMPT.strip()));
            assertThat(tmux.alternateScreen()).as("alternate screen left").isFalse();
            assertThat(after).doesNotContain("? help");
            tmux.assertCookedMode();
        } finally {
            for (String id : ids) {
                Proc.run("/usr/sbin/postsuper", "-d", id);
            }
        }
        Map<String, String> now = PostfixHarness.snapshot();
        assertThat(now).doesNotContainKeys(ids.toArray(new String[0]));
        assertThat(PostfixHarness.without(now, ids)).isEqualTo(PostfixHarness.without(before, ids));
        assertThat(Files.readString(auditLog)).contains("\"action\":\"hold\"").contains(ids.get(0)).contains(ids.get(1));
    }

    /** Before the cleanup: exactly the two are on hold and nothing else changed. */
    @Test
    void postfixHoldChangesExactlyTheMarkedMessages() {
        Sandbox.requirePostfix();
        String tag = PostfixHarness.newTag();
        List<String> ids = PostfixHarness.inject(tag, 3);
        List<String> two = ids.subList(0, 2);
        Map<String, String> before = PostfixHarness.snapshot();
        try (Tmux tmux = Tmux.start("qctl-" + tag, 120, 30)) {
            tmux.type(command("xterm-256color", "--from", "'" + tag + "-*@example.org'"));
            tmux.waitFor("the list", s -> s.contains("3 shown") && s.contains("filter: from:" + tag));
            // mark the two lowest IDs wherever the sort puts them
            tmux.keys("s", "s", "s", "s", "s", "s"); // sort by ID
            tmux.waitFor("sorted by id", s -> s.contains("sort id"));
            tmux.keys("Home", "Space", "Space");
            tmux.waitFor("two marks", s -> s.contains("2 marked"));
            tmux.keys("h");
            tmux.waitFor("the confirmation", s -> s.contains("Put on hold 2 messages? [y/n]"));
            tmux.keys("n");
            tmux.waitFor("cancelled", s -> s.contains("hold cancelled: nothing was changed"));
            assertThat(PostfixHarness.snapshot()).isEqualTo(before);
            tmux.keys("h");
            tmux.waitFor("the confirmation", s -> s.contains("Put on hold 2 messages? [y/n]"));
            tmux.keys("y");
            tmux.waitFor("the result", s -> s.contains("hold: 2 ok"));
            // held: exactly the two marked, checked with postqueue -j while they are still there
            Map<String, String> held = PostfixHarness.snapshot();
            for (String id : two) {
                assertThat(held.get(id)).startsWith("hold ");
            }
            assertThat(held.get(ids.get(2))).startsWith("deferred ");
            assertThat(PostfixHarness.without(held, two)).isEqualTo(PostfixHarness.without(before, two));
            // the window shrinks: columns re-layout, the list stays
            tmux.resize(70, 20);
            String narrow = tmux.waitFor("the narrow layout", s -> s.lines().findFirst().orElse("").contains("REASON"));
            assertThat(narrow.lines()).allMatch(l -> l.length() <= 70);
            assertThat(narrow).contains(two.get(0), two.get(1), ids.get(2));
            tmux.keys("C-c");
            tmux.waitFor("the shell prompt after Ctrl-C", s -> s.strip().endsWith(Tmux.PROMPT.strip()));
            assertThat(tmux.alternateScreen()).isFalse();
        } finally {
            for (String id : ids) {
                Proc.run("/usr/sbin/postsuper", "-d", id);
            }
        }
    }

    @Test
    void eximBrowseFilterOpenMarkHoldQuit() throws IOException {
        Sandbox.requireExim();
        String tag = PostfixHarness.newTag();
        List<String> ids = EximQueue.inject(tag, 2);
        Map<String, EximQueue.BpMessage> before = EximQueue.bp();
        try (Tmux tmux = Tmux.start("qctl-" + tag, 160, 40)) {
            String[] target = EximQueue.target();
            tmux.type(command("xterm", target));
            tmux.waitFor("the list", s -> s.contains("? help") && s.contains(ids.get(0)));
            tmux.keys("j", "k", "End", "Home");
            tmux.keys("/");
            tmux.text(tag);
            tmux.waitFor("the filtered list", s -> s.contains("2 shown"));
            tmux.keys("Enter", "Home", "Enter");
            String view = tmux.waitFor("the message view", s -> s.contains("Subject: " + tag));
            assertThat(view).contains("MTA:        exim");
            tmux.keys("End");
            tmux.waitFor("the message log", s -> s.contains("-- message log --") || s.contains("message log"));
            tmux.keys("Escape");
            tmux.waitFor("the list again", s -> s.contains("filter: " + tag));
            tmux.keys("Space", "Space", "h");
            tmux.waitFor("the confirmation", s -> s.contains("Put on hold 2 messages? [y/n]"));
            tmux.keys("y");
            tmux.waitFor("the result", s -> s.contains("hold: 2 ok"));
            tmux.keys("q");
            tmux.waitFor("the shell prompt", s -> s.strip().endsWith(Tmux.PROMPT.strip()));
            assertThat(tmux.alternateScreen()).isFalse();

            Map<String, EximQueue.BpMessage> after = EximQueue.bp();
            assertThat(ids).allMatch(id -> after.get(id).frozen());
            assertThat(EximQueue.without(after, ids)).isEqualTo(EximQueue.without(before, ids));
        } finally {
            List<String> rm = new ArrayList<>(List.of("-Mrm"));
            rm.addAll(ids);
            EximQueue.exim(rm.toArray(new String[0]));
        }
        assertThat(EximQueue.bp()).doesNotContainKeys(ids.toArray(new String[0]));
    }

    /** The queue ID in a list row ("* ID  queue  age ..." or "  ID  queue ..."). */
    private static String idOf(String row) {
        String[] words = row.strip().split("\\s+");
        return words[0].equals("*") ? words[1] : words[0];
    }

    /** Keeps the screen of a run for the docs (target/tui-screen-NAME.txt). */
    static void capture(String screen, String name) throws IOException {
        Path out = Path.of(System.getProperty("qctl.dist", "target/qctl")).getParent().resolve("tui-screen-" + name + ".txt");
        Files.writeString(out, screen);
    }
}
