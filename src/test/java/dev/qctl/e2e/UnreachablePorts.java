package dev.qctl.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Two ports on 127.0.0.1 for hosts that fail: one that accepts connections and never answers (a
 * silent host, which only a deadline ends) and one where nothing listens (connection refused).
 */
final class UnreachablePorts implements AutoCloseable {
    private final ServerSocket silent;
    private final int closed;

    private UnreachablePorts(ServerSocket silent, int closed) {
        this.silent = silent;
        this.closed = closed;
    }

    static UnreachablePorts open() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, loopback)) {
            closed = s.getLocalPort(); // nothing listens here once it is closed
        }
        return new UnreachablePorts(new ServerSocket(0, 50, loopback), closed);
    }

    int silent() {
        return silent.getLocalPort();
    }

    int closed() {
        return closed;
    }

    @Override
    public void close() throws IOException {
        silent.close();
    }
}
