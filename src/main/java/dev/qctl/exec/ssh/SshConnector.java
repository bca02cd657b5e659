package dev.qctl.exec.ssh;

import dev.qctl.exec.ssh.SshConnectionException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;

/**
 * Opens one authenticated sshj connection: TCP connect, strict host key check, public key
 * authentication, all within the connect deadline. Failures become {@link SshConnectionException}
 * with a one-line message.
 */
public final class SshConnector {
    private final SshSettings settings;

    public SshConnector(SshSettings settings) {
        this.settings = settings;
        QuietLogging.install();
    }

    public SSHClient connect(SshEndpoint endpoint) {
        KnownHostsVerifier verifier = verifier(endpoint);
        SSHClient client = newClient();
        client.addHostKeyVerifier(verifier);
        AtomicBoolean expired = new AtomicBoolean();
        // The socket timeouts bound each wait; this bounds the whole handshake (a server that
        // trickles bytes would otherwise stretch it).
        ScheduledFuture<?> deadline = Watchdog.after(settings.connectTimeout(), () -> {
            expired.set(true);
            closeQuietly(client);
        });
        try {
            open(client, endpoint, verifier, expired);
            authenticate(client, endpoint, expired);
            return client;
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw e;
        } finally {
            Watchdog.cancel(deadline);
        }
    }

    SSHClient newClient() {
        DefaultConfig config = new DefaultConfig();
        // KEEP_ALIVE (not HEARTBEAT) expects answers, so a dead peer is detected and the connection closed.
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        SSHClient client = new SSHClient(config);
        int ms = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
        client.setConnectTimeout(ms);
        client.setTimeout(ms); // bounds the wait for the server's banner; sshj's reader tolerates it later
        client.getTransport().setTimeoutMs(ms);
        client.getConnection().getKeepAlive().setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        return client;
    }

    private KnownHostsVerifier verifier(SshEndpoint endpoint) {
        try {
            return new KnownHostsVerifier(endpoint.name(), endpoint.knownHosts());
        } catch (IOException e) {
            throw new SshConnectionException(Reason.HOST_KEY_UNKNOWN,
                    endpoint.name() + ": cannot read known_hosts: " + e.getMessage(), e);
        }
    }

    private void open(SSHClient client, SshEndpoint endpoint, KnownHostsVerifier verifier, AtomicBoolean expired) {
        String where = endpoint.name() + " (" + endpoint.host() + ":" + endpoint.port() + ")";
        try {
            client.connect(endpoint.host(), endpoint.port());
        } catch (IOException e) {
            if (verifier.problem().isPresent()) {
                HostKeyProblem p = verifier.problem().get();
                Reason reason = switch (p.kind()) {
                    case CHANGED -> Reason.HOST_KEY_CHANGED;
                    case REVOKED -> Reason.HOST_KEY_REVOKED;
                    case UNKNOWN -> Reason.HOST_KEY_UNKNOWN;
                };
                throw new SshConnectionException(reason, p.message(), e);
            }
            throw new SshConnectionException(Reason.UNREACHABLE, "cannot connect to " + where + ": "
                    + describe(e, expired), e);
        }
    }

    private String describe(IOException e, AtomicBoolean expired) {
        if (expired.get() || e instanceof SocketTimeoutException || hasCause(e, SocketTimeoutException.class)) {
            return "no SSH answer within " + settings.connectTimeout().toSeconds() + "s";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        return rootMessage(e);
    }

    private void authenticate(SSHClient client, SshEndpoint endpoint, AtomicBoolean expired) {
        List<String> tried = new ArrayList<>();
        List<AuthMethod> methods = new ArrayList<>();
        AgentClient agent = null;
        if (settings.agentSocket() != null && !endpoint.identitiesOnly()) {
            agent = AgentAuth.methods(settings.agentSocket(), methods, tried); // agent keys first, as ssh does
        }
        try {
            authenticate(client, endpoint, expired, methods, tried);
        } finally {
            if (agent != null) {
                try {
                    agent.close(); // only needed while authenticating
                } catch (IOException e) {
                    // nothing to do
                }
            }
        }
    }

    private void authenticate(SSHClient client, SshEndpoint endpoint, AtomicBoolean expired, List<AuthMethod> methods,
                              List<String> tried) {
        KeyFilePassphrases passphrases = new KeyFilePassphrases(settings.passphrases());
        for (Path file : Identities.toTry(endpoint.identityFiles(), settings.sshDir())) {
            try {
                methods.add(new AuthPublickey(client.loadKeys(file.toString(), passphrases.finderFor(file))));
                tried.add(file.toString());
            } catch (IOException e) {
                tried.add(file + " (unreadable: " + rootMessage(e) + ")");
            }
        }
        String who = endpoint.user() + "@" + endpoint.name();
        if (methods.isEmpty()) {
            throw new SshConnectionException(Reason.AUTHENTICATION, who + ": no SSH key to offer (no agent, no "
                    + "identity file, none of " + Identities.DEFAULT_NAMES + " in " + settings.sshDir() + ")");
        }
        try {
            client.auth(endpoint.user(), methods);
        } catch (IOException e) {
            if (expired.get()) {
                throw new SshConnectionException(Reason.UNREACHABLE, who + ": authentication did not finish within "
                        + settings.connectTimeout().toSeconds() + "s", e);
            }
            if (!(e instanceof UserAuthException)) {
                throw new SshConnectionException(Reason.UNREACHABLE, who + ": connection failed during "
                        + "authentication: " + rootMessage(e), e);
            }
            throw new SshConnectionException(Reason.AUTHENTICATION, who + ": authentication failed (tried "
                    + String.join(", ", tried) + passphrases.note() + ")", e);
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    static void closeQuietly(SSHClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            // closing is best effort
        }
    }
}
