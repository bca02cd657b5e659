package dev.qctl.exec.openssh;

import dev.qctl.exec.StderrCollector;
import dev.qctl.exec.ssh.SshConnectionException;
import dev.qctl.exec.ssh.SshConnectionException.Reason;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The short ssh runs around the commands: {@code ssh -G}, and waiting for one with a deadline. */
final class SshInvocation {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+:,./~=-]+");
    private static final File NULL = new File("/dev/null");

    /** What a finished short ssh said. */
    record Outcome(int exit, String stdout, String stderr) {
    }

    private SshInvocation() {
    }

    /** {@code ssh -G}: the effective configuration for the destination, without connecting. */
    static String effectiveConfig(List<String> base, String destination, Duration deadline, String name) {
        List<String> argv = new ArrayList<>(base);
        argv.addAll(List.of("-G", "--", destination));
        Outcome o = run(argv, deadline);
        if (o == null || o.exit() != 0) {
            String why = o == null ? "it did not answer within " + deadline.toSeconds() + "s"
                    : SshFailures.quote(o.stderr()).replaceFirst("^ \\(ssh: (.*)\\)$", "$1");
            throw new SshConnectionException(Reason.UNREACHABLE, "ssh cannot use its configuration for " + name
                    + (why.isEmpty() ? "" : ": " + why));
        }
        return o.stdout();
    }

    /**
     * Runs a short ssh (stdin from /dev/null), collecting its output; null when it outlived the
     * deadline (it is then killed).
     */
    static Outcome run(List<String> argv, Duration deadline) {
        return run(argv, deadline, p -> { });
    }

    /** @param started gets the process as soon as it runs (so it can be stopped from elsewhere) */
    static Outcome run(List<String> argv, Duration deadline, java.util.function.Consumer<Process> started) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(NULL);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw OpenSshTransport.cannotRun(argv.get(0), e);
        }
        started.accept(process);
        StderrCollector stderr = new StderrCollector(process.getErrorStream(), "ssh");
        StdoutCollector stdout = new StdoutCollector(process);
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return null;
        }
        return new Outcome(process.exitValue(), stdout.text(), stderr.text(true));
    }

    /** A word of an ssh_config value: quoted when it holds a space or other special characters. */
    static String configWord(String word) {
        return PLAIN.matcher(word).matches() ? word : "\"" + word + "\"";
    }

    /** Reads a short command's stdout on its own thread (a full pipe would stop it). */
    private static final class StdoutCollector {
        private final Thread thread;
        private volatile byte[] bytes = new byte[0];

        StdoutCollector(Process process) {
            thread = new Thread(() -> {
                try (var in = process.getInputStream()) {
                    bytes = in.readAllBytes();
                } catch (IOException e) {
                    // what was read is what there is
                }
            }, "ssh-stdout");
            thread.setDaemon(true);
            thread.start();
        }

        String text() {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
