package dev.qctl.exec.ssh;

import dev.qctl.exec.ShellQuoting;

import dev.qctl.exec.Command;
import dev.qctl.exec.RunningCommand;
import dev.qctl.exec.Transport;

import dev.qctl.exec.ssh.SshConnectionException;
import dev.qctl.exec.ssh.SshConnectionException.Reason;
import dev.qctl.exec.ssh.SshConnector;
import dev.qctl.exec.ssh.SshEndpoint;
import dev.qctl.exec.ssh.SshSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import net.schmizz.sshj.SSHClient;

/**
 * Runs commands on a host over SSH. One connection per host for the whole run, opened on first
 * use; every command gets its own session channel on it. The argv becomes one remote command
 * line through {@link ShellQuoting#join}, so the remote shell sees each word exactly as given.
 */
public final class SshTransport implements Transport {
    private final SshEndpoint endpoint;
    private final SshConnector connector;
    private final Duration commandTimeout;
    private SSHClient client;
    private SshConnectionException failure;
    private int connectionsOpened;

    public SshTransport(SshEndpoint endpoint, SshSettings settings) {
        this(endpoint, settings, new SshConnector(settings));
    }

    SshTransport(SshEndpoint endpoint, SshSettings settings, SshConnector connector) {
        this.endpoint = endpoint;
        this.connector = connector;
        this.commandTimeout = settings.commandTimeout();
    }

    @Override
    public String target() {
        return endpoint.name();
    }

    public SshEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Connects and authenticates now (otherwise the first command does). A host that failed once
     * fails again with the same error, without a second wait for the deadline.
     */
    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public synchronized void connect() {
        connection();
    }

    private synchronized SSHClient connection() {
        if (failure != null) {
            throw failure;
        }
        if (client == null) {
            try {
                client = connector.connect(endpoint);
                connectionsOpened++;
            } catch (SshConnectionException e) {
                failure = e;
                throw e;
            }
        } else if (!client.isConnected()) {
            failure = new SshConnectionException(Reason.DISCONNECTED, "the connection to " + endpoint.name()
                    + " was lost");
            throw failure;
        }
        return client;
    }

    @Override
    public RunningCommand start(Command command) {
        String line = ShellQuoting.join(command.argv());
        SSHClient ssh = connection();
        StoppableSession session = null;
        try {
            session = StoppableSession.open(ssh);
            session.exec(line);
            return new SshRunningCommand(session, command.program(), endpoint.name(), commandTimeout);
        } catch (IOException e) {
            if (session != null) {
                session.close();
            }
            throw new SshConnectionException(Reason.DISCONNECTED, "cannot run " + command.program() + " on "
                    + endpoint.name() + ": " + e.getMessage(), e);
        }
    }

    /** Whether a regular executable file exists at this path on the host. */
    @Override
    public boolean isExecutable(String path) {
        return run(new Command(List.of("test", "-f", path, "-a", "-x", path))).ok();
    }

    /** How many SSH connections this transport opened (one, if reuse works). */
    synchronized int connectionsOpened() {
        return connectionsOpened;
    }

    /** The local TCP port of the connection, to find it in the server's log. */
    synchronized int localPort() {
        return client == null ? -1 : client.getLocalPort();
    }

    @Override
    public synchronized void reset() {
        failure = null;
        if (client != null && !client.isConnected()) {
            SshConnector.closeQuietly(client);
            client = null;
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // nothing left to do for a connection that will not close cleanly
            }
        }
    }
}
