package dev.qctl.cli;

import dev.qctl.config.ResolvedTarget;
import dev.qctl.config.SshClient;
import dev.qctl.exec.openssh.OpenSshSettings;
import dev.qctl.exec.openssh.OpenSshTransport;
import dev.qctl.exec.LocalTransport;
import dev.qctl.exec.Transport;
import dev.qctl.exec.ssh.SshSettings;
import dev.qctl.exec.ssh.SshTransport;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * What a command may touch of the outside world, handed in so tests can run commands in-process
 * with their own streams, environment, clock and transports (scripted MTAs).
 */
public record CliContext(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, Clock clock,
                         Transports transports, ConfigReads configs) {

    /**
     * How a run reaches each target: this machine, the system's ssh or the built-in client (the
     * {@code client} chosen for a remote target, null for this machine); tests hand in scripted transports.
     */
    @FunctionalInterface
    public interface Transports {
        Transport open(ResolvedTarget target, SshClient client, SshSettings ssh, OpenSshSettings openSsh);

        Transports SYSTEM = (target, client, ssh, openSsh) -> target.isLocal() ? new LocalTransport()
                : client == SshClient.OPENSSH ? new OpenSshTransport(target.openSsh(), openSsh)
                : new SshTransport(target.ssh(), ssh);
    }

    public CliContext(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, Clock clock) {
        this(out, err, in, env, clock, Transports.SYSTEM);
    }

    public CliContext(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, Clock clock,
                      Transports transports) {
        this(out, err, in, env, clock, transports, new ConfigReads(env));
    }

    /** The same context with its own config reads: a config is read once per run, never kept for the next. */
    CliContext forRun() {
        return new CliContext(out, err, in, env, clock, transports, new ConfigReads(env));
    }

    public static CliContext system() {
        // Our own buffered UTF-8 stdout: whatever the locale, and without a flush per line.
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        return new CliContext(out, err, System.in, System.getenv(), Clock.systemUTC());
    }

    /** A warning for the user on stderr, one line. */
    public void warn(String message) {
        synchronized (err) {
            err.println("qctl: warning: " + message);
        }
    }
}
