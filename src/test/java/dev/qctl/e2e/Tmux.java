package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A real terminal for end-to-end tests of full-screen mode: a detached tmux session running a
 * plain shell, driven with send-keys and read with capture-pane.
 */
final class Tmux implements AutoCloseable {
    static final String PROMPT = "qctl-it$ ";

    private final String session;

    private Tmux(String session) {
        this.session = session;
    }

    static boolean available() {
        try {
            return Proc.run("tmux", "-V").exit() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A new session of the given size running {@code sh} with a known prompt, ready for commands. */
    static Tmux start(String name, int width, int height) {
        Tmux t = new Tmux(name);
        Proc.Result r = Proc.run(List.of("tmux", "new-session", "-d", "-s", name, "-x", String.valueOf(width), "-y",
                String.valueOf(height), "env", "PS1=" + PROMPT, "sh"), Map.of(), null);
        assertThat(r.exit()).as(r.describe()).isZero();
        try {
            t.waitFor("the shell prompt", s -> s.contains(PROMPT.strip()));
        } catch (AssertionError e) {
            t.close();
            throw e;
        }
        return t;
    }

    /** Types a command line and Enter. */
    void type(String line) {
        tmux("send-keys", "-t", session, "-l", line);
        keys("Enter");
    }

    /** Sends tmux key names (j, Enter, Escape, Space, BSpace, NPage…) one after another. */
    void keys(String... names) {
        for (String name : names) {
            tmux("send-keys", "-t", session, name);
            pause(120);
        }
    }

    /** Sends literal text. */
    void text(String text) {
        tmux("send-keys", "-t", session, "-l", text);
        pause(150);
    }

    /** The visible screen as text. */
    String screen() {
        return tmux("capture-pane", "-p", "-t", session).stdout();
    }

    /** The visible screen with attributes as escape sequences (to see the inverse-video cursor row). */
    String screenWithAttributes() {
        return tmux("capture-pane", "-p", "-e", "-t", session).stdout();
    }

    /** The line drawn in inverse video first (the list's cursor row; the status bar is the last one). */
    String cursorRow() {
        for (String line : screenWithAttributes().split("\n")) {
            if (line.contains("\u001b[7m") && !line.contains("? help")) {
                return line.replaceAll("\u001b\\[[0-9;]*m", "");
            }
        }
        return "";
    }

    boolean alternateScreen() {
        return tmux("display-message", "-p", "-t", session, "#{alternate_on}").stdout().strip().equals("1");
    }

    /** After a full-screen program quit: the shell's terminal is in cooked mode with echo again. */
    void assertCookedMode() {
        type("stty -a | tr ';' '\\n' | grep -E '^ ?-?(icanon|echo)$'");
        String stty = waitFor("stty", s -> s.contains("icanon") && s.contains("echo"));
        assertThat(stty).as("cooked mode again").doesNotContain("-icanon").doesNotContain("-echo\n");
    }

    void resize(int width, int height) {
        tmux("resize-window", "-t", session, "-x", String.valueOf(width), "-y", String.valueOf(height));
    }

    /** Waits (20 s at most) until the screen satisfies the condition; fails with the screen otherwise. */
    String waitFor(String what, Predicate<String> condition) {
        long deadline = System.currentTimeMillis() + 20_000;
        String s = "";
        while (System.currentTimeMillis() < deadline) {
            s = screen();
            if (condition.test(s)) {
                return s;
            }
            pause(150);
        }
        throw new AssertionError("timed out waiting for " + what + "; the screen shows:\n" + s);
    }

    /** The IDs on screen in the order shown, out of the given ones. */
    List<String> idsShown(List<String> candidates) {
        List<String> shown = new ArrayList<>();
        for (String line : screen().split("\n")) {
            for (String id : candidates) {
                if (line.contains(" " + id + " ")) {
                    shown.add(id);
                }
            }
        }
        return shown;
    }

    private static Proc.Result tmux(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("tmux");
        argv.addAll(List.of(args));
        Proc.Result r = Proc.run(argv, Map.of(), null);
        assertThat(r.exit()).as(r.describe()).isZero();
        return r;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        Proc.run("tmux", "kill-session", "-t", session);
    }
}
