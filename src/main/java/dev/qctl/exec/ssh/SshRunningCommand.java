package dev.qctl.exec.ssh;

import dev.qctl.exec.ExecException;

import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.StderrCollector;

import dev.qctl.exec.ssh.SshConnectionException;
import dev.qctl.exec.ssh.SshConnectionException.Reason;
import dev.qctl.exec.ssh.Watchdog;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.connection.ConnectionException;

/** One remote command on its own session channel of the host's shared connection. */
final class SshRunningCommand implements RunningCommand {
    /** How long closing waits for the server to confirm the command ended before giving up on the channel. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(500);

    private final StoppableSession session;
    private final DetachableStdout stdout;
    private final String program;
    private final String host;
    private final Duration timeout;
    private final StderrCollector stderr;
    private final AtomicBoolean timedOut = new AtomicBoolean();
    private final ScheduledFuture<?> deadline;
    private volatile boolean abandoned;
    private volatile boolean finished;

    SshRunningCommand(StoppableSession session, String program, String host, Duration timeout) {
        this.session = session;
        this.stdout = new DetachableStdout(session.getInputStream());
        this.program = program;
        this.host = host;
        this.timeout = timeout;
        // Drained in the background: unread stderr would stop the channel's flow-control window.
        this.stderr = new StderrCollector(session.getErrorStream(), program + "@" + host);
        this.deadline = Watchdog.after(timeout, this::expire);
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public OutputStream stdin() {
        return session.getOutputStream();
    }

    @Override
    public int waitFor() {
        try {
            // In slices, so a timed-out command that even TERM does not end cannot hold us for ever.
            while (!session.awaitEnd(POLL)) {
                if (abandoned) {
                    throw lost(null);
                }
            }
        } catch (ConnectionException e) {
            throw lost(e);
        } finally {
            Watchdog.cancel(deadline);
        }
        finished = true;
        stderr.processEnded();
        Integer status = session.getExitStatus();
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
        if (session.getExitSignal() != null) {
            return new ExecException(program + " on " + host + " was killed by signal " + session.getExitSignal());
        }
        return new SshConnectionException(Reason.DISCONNECTED, "the connection to " + host + " was lost while "
                + program + " ran (no exit status)", cause);
    }

    @Override
    public void onStderrLine(java.util.function.Consumer<String> lines) {
        stderr.onLine(lines);
    }

    @Override
    public String stderr() {
        return stderr.text(finished);
    }

    /** Ends only this command's channel (TERM if it still runs); the connection stays open for the next. */
    @Override
    public void close() {
        Watchdog.cancel(deadline);
        stdout.close();
        session.close(CLOSE_WAIT);
    }

    private void expire() {
        timedOut.set(true);
        session.close(CLOSE_WAIT);
        abandoned = true;
    }
}
