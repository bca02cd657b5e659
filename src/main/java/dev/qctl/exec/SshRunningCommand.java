package dev.qctl.exec;

import dev.qctl.exec.ssh.SshConnectionException;
import dev.qctl.exec.ssh.SshConnectionException.Reason;
import dev.qctl.exec.ssh.Watchdog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/** One remote command on its own session channel. */
final class SshRunningCommand implements RunningCommand {
    private final Session session;
    private final Session.Command remote;
    private final String program;
    private final String host;
    private final Duration timeout;
    private final StderrCollector stderr;
    private final AtomicBoolean timedOut = new AtomicBoolean();
    private final ScheduledFuture<?> deadline;
    private volatile boolean finished;

    SshRunningCommand(Session session, Session.Command remote, String program, String host, Duration timeout) {
        this.session = session;
        this.remote = remote;
        this.program = program;
        this.host = host;
        this.timeout = timeout;
        // Drained in the background: unread stderr would stop the channel's flow-control window.
        this.stderr = new StderrCollector(remote.getErrorStream(), program + "@" + host);
        this.deadline = Watchdog.after(timeout, this::expire);
    }

    @Override
    public InputStream stdout() {
        return remote.getInputStream();
    }

    @Override
    public OutputStream stdin() {
        return remote.getOutputStream();
    }

    @Override
    public int waitFor() {
        try {
            remote.join();
        } catch (IOException e) {
            throw lost(e);
        } finally {
            Watchdog.cancel(deadline);
        }
        finished = true;
        stderr.text(true);
        Integer status = remote.getExitStatus();
        if (status != null) {
            return status;
        }
        throw lost(null);
    }

    private RuntimeException lost(Throwable cause) {
        if (timedOut.get()) {
            return new SshConnectionException(Reason.COMMAND_TIMEOUT, program + " on " + host + " did not finish within "
                    + timeout.toSeconds() + "s", cause);
        }
        if (remote.getExitSignal() != null) {
            return new ExecException(program + " on " + host + " was killed by signal " + remote.getExitSignal());
        }
        return new SshConnectionException(Reason.DISCONNECTED, "the connection to " + host + " was lost while "
                + program + " ran (no exit status)", cause);
    }

    @Override
    public String stderr() {
        return stderr.text(finished);
    }

    @Override
    public void close() {
        Watchdog.cancel(deadline);
        closeSession();
    }

    /**
     * Closing the channel alone is not enough: sshd keeps it open until the remote process exits.
     * TERM first (sudo passes it on to the command), then the channel.
     */
    private void expire() {
        timedOut.set(true);
        try {
            remote.signal(Signal.TERM);
        } catch (IOException e) {
            // the channel may be gone already
        }
        closeSession();
    }

    private void closeSession() {
        try {
            session.close();
        } catch (IOException e) {
            // already closed, or the connection is gone
        }
    }
}
