package dev.qctl.exec.openssh;

import dev.qctl.exec.ExecException;
import dev.qctl.exec.ProcessCommand;
import dev.qctl.exec.ssh.SshConnectionException;
import dev.qctl.exec.ssh.SshConnectionException.Reason;
import dev.qctl.exec.ssh.Watchdog;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One remote command: a local ssh process, a client of the host's master. Ending it early ends only
 * this ssh: the master closes the command's channel and keeps the connection for the next command.
 * The remote command then ends at its next write (SIGPIPE) or at the end of its input; OpenSSH has
 * no way to signal it without a terminal, which would mangle binary output.
 */
final class OpenSshCommand extends ProcessCommand {
    private static final Duration KILL_WAIT = Duration.ofSeconds(2);

    private final String program;
    private final Duration timeout;
    private final SshFailures.Where where;
    private final Consumer<OpenSshCommand> onEnd;
    private final ScheduledFuture<?> deadline;
    private volatile boolean timedOut;
    private volatile boolean abandoned;

    private OpenSshCommand(Process process, String program, Duration timeout, SshFailures.Where where,
                           Consumer<OpenSshCommand> onEnd) {
        super(process, program + "@" + where.name());
        this.program = program;
        this.timeout = timeout;
        this.where = where;
        this.onEnd = onEnd;
        this.deadline = Watchdog.after(timeout, this::expire);
    }

    static OpenSshCommand start(List<String> argv, String program, Duration timeout, SshFailures.Where where,
                                Consumer<OpenSshCommand> onEnd) {
        try {
            return new OpenSshCommand(new ProcessBuilder(argv).start(), program, timeout, where, onEnd);
        } catch (IOException e) {
            throw OpenSshTransport.cannotRun(argv.get(0), e);
        }
    }

    @Override
    public int waitFor() {
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new ExecException("interrupted while waiting for " + program + " on " + where.name());
        } finally {
            Watchdog.cancel(deadline);
            onEnd.accept(this);
        }
        stderr.processEnded();
        String text = stderr.text(false);
        if (timedOut) {
            throw new SshConnectionException(Reason.COMMAND_TIMEOUT, program + " on " + where.name()
                    + " did not finish within " + timeout.toSeconds() + "s");
        }
        if (abandoned) {
            throw new SshConnectionException(Reason.DISCONNECTED, "the connection to " + where.name()
                    + " was closed while " + program + " ran");
        }
        var failure = SshFailures.classify(exit, text, where);
        if (failure.isPresent()) {
            throw failure.get();
        }
        return exit;
    }

    /** Ends this command's ssh if it still runs; the host's connection stays. */
    @Override
    public void close() {
        Watchdog.cancel(deadline);
        stop();
        onEnd.accept(this);
    }

    /** The host's transport closes (the run gave up on the host): a waiting reader wakes up with an error. */
    void abandon() {
        abandoned = true;
        close();
    }

    private void expire() {
        timedOut = true;
        stop();
    }

    private void stop() {
        closeStdin();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
