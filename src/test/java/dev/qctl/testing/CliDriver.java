package dev.qctl.testing;

import dev.qctl.cli.Cli;
import dev.qctl.cli.CliContext;
import dev.qctl.exec.Transport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs qctl commands in process against a scripted transport, with their own environment, stdin
 * and clock, and hands back exit code, stdout and stderr (both shown when an assertion fails).
 */
public final class CliDriver {
    public static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");

    private final Map<String, String> env = new HashMap<>();
    private Transport transport;
    private byte[] stdin = new byte[0];

    public static CliDriver with(Transport transport) {
        CliDriver d = new CliDriver();
        d.transport = transport;
        return d;
    }

    public CliDriver env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public CliDriver stdin(String text) {
        stdin = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        env.putIfAbsent("QCTL_CONFIG", emptyConfig());
        CliContext context = new CliContext(o, e, new ByteArrayInputStream(stdin), Map.copyOf(env),
                Clock.fixed(NOW, ZoneOffset.UTC), (target, client, ssh, openSsh) -> transport);
        int exit = Cli.run(context, args);
        o.flush();
        e.flush();
        return new Result(List.of(args), exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String emptyConfig() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("qctl-driver-", ".yaml");
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** What one command did. */
    public record Result(List<String> args, int exit, String stdout, String stderr) {
        public String describe() {
            return "qctl " + String.join(" ", args) + "\n  exit: " + exit + "\n  stdout:\n" + stdout + "\n  stderr:\n" + stderr;
        }
    }
}
