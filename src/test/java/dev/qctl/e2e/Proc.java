package dev.qctl.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a real process (the built qctl, or an MTA tool) and keeps exit status, stdout and stderr. */
public final class Proc {
    public record Result(List<String> argv, int exit, byte[] stdoutBytes, String stderr) {
        public String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }

        /** For assertion messages: everything the process said. */
        public String describe() {
            return String.join(" ", argv) + "\nexit " + exit + "\n--- stdout ---\n"
                    + abbreviate(stdout()) + "\n--- stderr ---\n" + stderr;
        }

        private static String abbreviate(String s) {
            return s.length() > 4000 ? s.substring(0, 4000) + "…" : s;
        }
    }

    private Proc() {
    }

    /** The launcher that {@code mvn package} builds: target/qctl/bin/qctl. */
    public static Path qctlLauncher() {
        String dist = System.getProperty("qctl.dist", "target/qctl");
        return Path.of(dist, "bin", "qctl").toAbsolutePath();
    }

    public static Result qctl(String... args) {
        return qctlWith(Map.of(), null, args);
    }

    public static Result qctlWith(Map<String, String> env, byte[] stdin, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(qctlLauncher().toString());
        argv.addAll(List.of(args));
        return run(argv, env, stdin);
    }

    public static Result run(String... argv) {
        return run(List.of(argv), Map.of(), null);
    }

    public static Result run(List<String> argv, Map<String, String> env, byte[] stdin) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().remove("NO_COLOR");
        builder.environment().putAll(env);
        try {
            Process p = builder.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException ignored) {
                // the process did not read its input
            }
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + argv);
            }
            return new Result(argv, p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
