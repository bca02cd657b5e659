package dev.qctl.exec.ssh;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.SessionChannel;
import net.schmizz.sshj.connection.channel.direct.Signal;
import net.schmizz.sshj.transport.TransportException;

/**
 * A session channel that can be ended at any time without harm to the connection it shares.
 * sshj's own close() waits up to the connection timeout (30s) for the server's CLOSE, which sshd
 * sends only once the remote process has exited. And a signal must never follow this side's CLOSE:
 * sshd may have freed the channel by then and drops the whole connection for a request on an
 * unknown channel. So TERM and CLOSE go out together under a lock that every CLOSE takes, also the
 * one sshj's reader thread sends when the server closes first.
 */
final class StoppableSession extends SessionChannel {
    private final Object closing = new Object();
    private boolean closeSent;

    private StoppableSession(SSHClient ssh) {
        super(ssh.getConnection(), ssh.getRemoteCharset());
    }

    static StoppableSession open(SSHClient ssh) throws IOException {
        StoppableSession session = new StoppableSession(ssh);
        session.open();
        return session;
    }

    @Override
    protected void sendClose() throws TransportException {
        synchronized (closing) {
            closeSent = true;
            super.sendClose();
        }
    }

    /**
     * Sends TERM (unless the command has exited) and CLOSE, and returns at once. On CLOSE sshd stops
     * reading the command's output, so what was still in flight is all that arrives; it lands in the
     * channel's buffer, bounded by the flow-control window.
     */
    void stop() {
        synchronized (closing) {
            if (closeSent || closeEvent.isSet()) {
                return;
            }
            try {
                if (getExitStatus() == null && getExitSignal() == null) {
                    signal(Signal.TERM); // sudo passes it on; a pipeline's processes share the process group sshd signals
                }
                sendClose();
            } catch (TransportException e) {
                // the connection is gone, and the channel with it
            }
        }
    }

    /** Whether the server closed the channel within the wait; throws if the connection failed. */
    boolean awaitEnd(Duration wait) throws ConnectionException {
        return closeEvent.tryAwait(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the command and waits briefly for the server's CLOSE. A command that outlives TERM is
     * left to sshd: the channel closes whenever it exits, and the connection stays usable.
     */
    void close(Duration wait) {
        stop();
        try {
            awaitEnd(wait);
        } catch (ConnectionException e) {
            // the connection is gone: nothing left to close
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
