package dev.qctl.exec.openssh;

import dev.qctl.exec.ssh.SshConnectionException;
import dev.qctl.exec.ssh.SshConnectionException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * qctl's own ControlMaster for one host: {@code ssh -f -N -o ControlMaster=yes} authenticates once
 * and goes to the background; every command then runs as a client of its socket. The socket lives
 * in a directory only this user may enter. ControlPersist keeps the master only a short while after
 * its last client, so a qctl that is killed leaves no connection open for long.
 */
final class ControlMaster {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(3);

    private final Path dir;
    private final Path socket;
    private final List<String> base;
    private final String destination;

    private ControlMaster(Path dir, List<String> base, String destination) {
        this.dir = dir;
        this.socket = dir.resolve("master");
        this.base = base;
        this.destination = destination;
    }

    /** Connects and authenticates (the whole handshake within twice the connect timeout), or fails classified. */
    static ControlMaster open(OpenSshSettings settings, List<String> base, String destination, SshFailures.Where where,
                              java.util.function.Consumer<Process> started) {
        Path dir;
        try {
            Files.createDirectories(settings.controlParent());
            dir = Files.createTempDirectory(settings.controlParent(), "qctl-ssh-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new SshConnectionException(Reason.UNREACHABLE, "cannot make a private directory for the ssh "
                    + "control socket in " + settings.controlParent() + ": " + e.getMessage(), e);
        }
        ControlMaster master = new ControlMaster(dir, base, destination);
        List<String> argv = new ArrayList<>(base);
        argv.addAll(List.of("-o", "ControlMaster=yes", "-o", "ControlPath=" + SshInvocation.configWord(master.socket.toString()),
                "-o", "ControlPersist=" + Math.max(1, settings.persist().toSeconds()), "-f", "-N", "--", destination));
        // A jump host is a second handshake with its own ConnectTimeout: allow for both.
        Duration deadline = settings.connectTimeout().multipliedBy(2).plusSeconds(1);
        SshInvocation.Outcome outcome = SshInvocation.run(argv, deadline, started);
        if (outcome == null) {
            OpenSshTransport.deleteQuietly(dir);
            throw new SshConnectionException(Reason.UNREACHABLE, "cannot connect to " + where.name() + " ("
                    + where.address() + "): no SSH answer within " + settings.connectTimeout().toSeconds() + "s");
        }
        if (outcome.exit() != 0 || !Files.exists(master.socket)) {
            OpenSshTransport.deleteQuietly(dir);
            throw SshFailures.classify(255, outcome.stderr(), where).orElseGet(() -> new SshConnectionException(
                    Reason.UNREACHABLE, "cannot connect to " + where.name() + " (" + where.address() + "): ssh exited "
                    + outcome.exit() + SshFailures.quote(outcome.stderr())));
        }
        return master;
    }

    Path socket() {
        return socket;
    }

    /** Whether the master still runs (it removes its socket when it ends, e.g. after ControlPersist). */
    boolean alive() {
        return Files.exists(socket);
    }

    /** What a command's ssh needs to run through this master (and never to become one itself). */
    List<String> clientOptions() {
        return List.of("-o", "ControlPath=" + SshInvocation.configWord(socket.toString()), "-o", "ControlMaster=no");
    }

    /** {@code ssh -O exit}: the master closes the connection; then the directory goes. */
    void close() {
        if (alive()) {
            List<String> argv = new ArrayList<>(base);
            argv.addAll(List.of("-o", "ControlPath=" + SshInvocation.configWord(socket.toString()), "-O", "exit", "--",
                    destination));
            try {
                SshInvocation.run(argv, EXIT_WAIT);
            } catch (RuntimeException e) {
                // the master ends by itself after ControlPersist
            }
        }
        OpenSshTransport.deleteQuietly(dir);
    }
}
