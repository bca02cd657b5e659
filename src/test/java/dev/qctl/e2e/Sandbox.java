package dev.qctl.e2e;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real MTAs the project's sandbox script runs on this machine ({@code scripts/sandbox}). When
 * {@code QCTL_REQUIRE_SANDBOX=1} (as in {@code scripts/test} and CI) a missing sandbox fails the
 * tests; otherwise they are skipped, so {@code mvn verify} still works on a machine without it.
 */
public final class Sandbox {
    private static Map<String, String> env;

    private Sandbox() {
    }

    public static Path baseDir() {
        return Path.of(System.getProperty("qctl.basedir", ".")).toAbsolutePath();
    }

    public static synchronized Map<String, String> env() {
        if (env == null) {
            env = load();
        }
        return env;
    }

    public static String get(String name) {
        String value = env().get(name);
        if (value == null) {
            fail("the sandbox does not define " + name);
        }
        return value;
    }

    /** Skips (or, when required, fails) the calling test unless the sandbox's MTAs are there. */
    public static void requirePostfix() {
        require(Files.isExecutable(Path.of("/usr/sbin/postqueue")) && running("postfix", "status"),
                "no running sandbox Postfix (run scripts/sandbox up)");
    }

    public static void requireExim() {
        require(Files.isRegularFile(Path.of(env().getOrDefault("QCTL_SANDBOX_EXIM_CONFIG", "/nonexistent"))),
                "no sandbox Exim (run scripts/sandbox up)");
    }

    /** Skips (or, when required, fails) the calling test unless tmux is installed (full-screen tests). */
    public static void requireTmux() {
        require(Tmux.available(), "no tmux (apt-get install tmux)");
    }

    private static void require(boolean available, String why) {
        if ("1".equals(System.getenv("QCTL_REQUIRE_SANDBOX"))) {
            if (!available) {
                fail(why + ", and QCTL_REQUIRE_SANDBOX=1");
            }
        } else {
            assumeTrue(available, why);
        }
    }

    private static boolean running(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Map<String, String> load() {
        Map<String, String> values = new HashMap<>();
        Path script = baseDir().resolve("scripts/sandbox");
        if (!Files.isExecutable(script)) {
            return values;
        }
        try {
            Process p = new ProcessBuilder(List.of(script.toString(), "env")).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            for (String line : out.split("\n")) {
                String l = line.strip();
                if (l.startsWith("export ")) {
                    l = l.substring("export ".length());
                }
                int eq = l.indexOf('=');
                if (eq > 0) {
                    values.put(l.substring(0, eq), unquote(l.substring(eq + 1)));
                }
            }
        } catch (IOException e) {
            return values;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
