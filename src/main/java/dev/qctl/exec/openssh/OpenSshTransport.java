package dev.qctl.exec.openssh;

import dev.qctl.exec.Command;
import dev.qctl.exec.ExecException;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.ShellQuoting;
import dev.qctl.exec.Transport;
import dev.qctl.exec.ssh.SshConnectionException;
import dev.qctl.exec.ssh.SshConnectionException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Runs commands on a host through the system's OpenSSH client, so everything the user's ssh_config
 * says applies (ProxyJump, ProxyCommand, Match, certificates, GSSAPI, FIDO keys, an agent). One
 * connection per host for the run: a ControlMaster of qctl's own, its socket in a private 0700
 * directory, opened on first use and ended at {@link #close()}; a user whose ssh_config multiplexes
 * already keeps their own. ssh never prompts (BatchMode) and checks host keys strictly. The argv
 * becomes one remote command line through {@link ShellQuoting#join}.
 */
public final class OpenSshTransport implements Transport {
    private final OpenSshTarget target;
    private final OpenSshSettings settings;
    private final Set<OpenSshCommand> running = ConcurrentHashMap.newKeySet();
    private EffectiveConfig effective;
    private ControlMaster master;
    private boolean ownMaster;
    private SshConnectionException failure;
    private boolean closed;
    /** The master's ssh while it connects: close() ends it without waiting for the lock connect() holds. */
    private volatile Process connecting;

    public OpenSshTransport(OpenSshTarget target, OpenSshSettings settings) {
        this.target = target;
        this.settings = settings;
    }

    @Override
    public String target() {
        return target.name();
    }

    @Override
    public boolean remote() {
        return true;
    }

    /**
     * Opens the master connection now (otherwise the first command does). A host that failed once
     * fails again with the same error, without a second wait.
     */
    @Override
    public synchronized void connect() {
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new SshConnectionException(Reason.DISCONNECTED, "the connection to " + target.name() + " was closed");
        }
        if (effective == null) {
            effective = EffectiveConfig.parse(SshInvocation.effectiveConfig(baseOptions(null), target.destination(),
                    settings.connectTimeout(), target.name()));
            ownMaster = !effective.userMultiplexes();
        }
        if (!ownMaster) {
            return; // the user's own ControlMaster setup: the first command connects
        }
        if (master == null || !master.alive()) {
            try {
                master = ControlMaster.open(settings, baseOptions(effective), target.destination(), where(),
                        p -> connecting = p);
            } catch (SshConnectionException e) {
                failure = e;
                throw e;
            } finally {
                connecting = null;
            }
        }
    }

    @Override
    public RunningCommand start(Command command) {
        List<String> argv;
        synchronized (this) {
            connect();
            argv = new ArrayList<>(baseOptions(effective));
            if (ownMaster) {
                argv.addAll(master.clientOptions());
            }
        }
        argv.add("--");
        argv.add(target.destination());
        argv.add(ShellQuoting.join(command.argv()));
        OpenSshCommand started = OpenSshCommand.start(WidePipe.around(argv), command.program(), settings.commandTimeout(), where(),
                running::remove);
        running.add(started);
        return started;
    }

    /** Whether a regular executable file exists at this path on the host. */
    @Override
    public boolean isExecutable(String path) {
        return run(new Command(List.of("test", "-f", path, "-a", "-x", path))).ok();
    }

    /**
     * The options every ssh of this host gets: -F, never a prompt, strict host keys, the connect
     * deadline, and what qctl's config or the -H word set; with the effective config known, also the
     * extra known_hosts files (added to the user's, not replacing them).
     */
    List<String> baseOptions(EffectiveConfig known) {
        List<String> o = new ArrayList<>(List.of(settings.program()));
        if (target.configFile() != null) {
            o.addAll(List.of("-F", target.configFile().toString()));
        }
        o.addAll(List.of("-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                "-o", "ConnectTimeout=" + Math.max(1, settings.connectTimeout().toSeconds())));
        if (target.user() != null) {
            o.addAll(List.of("-l", target.user()));
        }
        if (target.port() != null) {
            o.addAll(List.of("-p", target.port().toString()));
        }
        for (Path identity : target.identityFiles()) {
            o.addAll(List.of("-i", identity.toString()));
        }
        if (known != null && !target.knownHosts().isEmpty()) {
            List<String> files = new ArrayList<>(known.userKnownHostsFiles());
            target.knownHosts().forEach(f -> files.add(f.toString()));
            o.addAll(List.of("-o", "UserKnownHostsFile=" + files.stream().map(SshInvocation::configWord)
                    .collect(Collectors.joining(" "))));
        }
        if (known != null && !known.keepsAlive()) {
            // As the built-in transport: a peer that vanishes is noticed instead of waited for.
            o.addAll(List.of("-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=3"));
        }
        return o;
    }

    private SshFailures.Where where() {
        EffectiveConfig e = effective;
        String host = e == null ? target.destination() : e.hostName(target.destination());
        String port = e == null ? (target.port() == null ? "22" : target.port().toString()) : e.port();
        String user = e == null ? (target.user() == null ? "" : target.user()) : e.user(target.user() == null ? "" : target.user());
        String jump = e == null ? "none" : e.get("proxyjump", "none");
        String via = jump.equalsIgnoreCase("none") ? "" : " via " + jump;
        return new SshFailures.Where(target.name(), (user.isEmpty() ? "" : user + "@") + target.name(), host + ":" + port + via,
                settings.connectTimeout());
    }

    /** Whether qctl runs its own ControlMaster for this host (false: the user's ssh_config has one). */
    synchronized boolean ownMaster() {
        return ownMaster;
    }

    /** The control socket of qctl's own master, or null. */
    synchronized Path controlSocket() {
        return master == null ? null : master.socket();
    }

    /**
     * Stops every command still running on this host (ending only their ssh clients), then the master
     * ({@code ssh -O exit}), and removes the private directory.
     */
    @Override
    public void close() {
        Process handshake = connecting;
        if (handshake != null) {
            handshake.destroyForcibly(); // a host given up on while it still connects
        }
        List<OpenSshCommand> left = new ArrayList<>(running);
        left.forEach(OpenSshCommand::abandon);
        ControlMaster m;
        synchronized (this) {
            closed = true;
            m = master;
            master = null;
        }
        if (m != null) {
            m.close();
        }
    }

    /** For error messages: the directory must not be left behind when a start fails. */
    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // best effort: a stale socket in /tmp does no harm, ssh refuses to reuse a dead one
        }
    }

    static ExecException cannotRun(String program, IOException e) {
        return new ExecException("cannot run " + program + " (the OpenSSH client; install it or use --ssh builtin): "
                + e.getMessage(), e);
    }
}
