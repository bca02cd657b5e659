package dev.qctl.monitor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The {@code /metrics} listener, written so that clients cannot wedge it:
 * <ul>
 * <li>every connection has a thread of its own, up to {@link Limits#maxConnections}; a client must
 *     send its whole request (TLS handshake included) within {@link Limits#requestTimeout};</li>
 * <li>when all slots are taken, the connection that has been sending its request the longest is
 *     closed for the newcomer, so idle or slow clients can never lock a scrape out;</li>
 * <li>every connection is closed at a hard deadline (request + scrape + answer), whatever it does;</li>
 * <li>one request per connection ({@code Connection: close}), GET and HEAD only, headers at most 8 KiB.</li>
 * </ul>
 * The JDK's com.sun.net.httpserver (which the Prometheus Java client's HTTPServer uses) reads a request
 * on its worker threads with no time limit unless {@code sun.net.httpserver.maxReqTime} is set
 * JVM-wide, so a few clients that stop mid-request occupy every worker; hence this small server.
 */
public final class MetricsServer implements AutoCloseable {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final int MAX_HEAD = 8192;

    /** What the server answers on /metrics; may block up to the scrape timeout. */
    public interface Metrics {
        String render() throws InterruptedException;
    }

    public record Limits(Duration requestTimeout, Duration responseTimeout, int maxConnections) {
        public static Limits forScrape(Duration scrapeTimeout) {
            return new Limits(Duration.ofSeconds(5), scrapeTimeout.plusSeconds(10), 64);
        }
    }

    private final ServerSocket server;
    private final Limits limits;
    private final Metrics metrics;
    private final WebConfig.BasicAuth auth;
    private final Consumer<String> warnings;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "metrics-deadline"));
    /** Connections still sending their request, oldest first: the ones to drop when slots run out. */
    private final Set<Socket> reading = new LinkedHashSet<>();
    /** The connections holding a slot; an evicted one gives its slot to the newcomer at once. */
    private final Set<Socket> holding = new java.util.HashSet<>();
    private volatile boolean closed;

    public MetricsServer(InetSocketAddress address, WebConfig web, Limits limits, Metrics metrics, Consumer<String> warnings)
            throws IOException {
        this.server = web == null ? new ServerSocket() : web.serverSocket();
        this.server.setReuseAddress(true);
        this.server.bind(address, 64);
        this.limits = limits;
        this.metrics = metrics;
        this.auth = web == null ? null : web.basicAuth();
        this.warnings = warnings;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    public boolean tls() {
        return server instanceof javax.net.ssl.SSLServerSocket;
    }

    /** Accepts connections until closed; returns at once (the accept loop has its own thread). */
    public void start() {
        daemon(this::acceptLoop, "metrics-accept").start();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    warnings.accept("metrics: accept failed: " + e.getMessage());
                }
                continue;
            }
            if (!admit(socket)) {
                closeQuietly(socket); // every slot is answering a complete request: come back later
                continue;
            }
            daemon(() -> serve(socket), "metrics-connection").start();
        }
    }

    /** Takes a slot for the connection, closing the slowest request in progress if none is free. */
    private synchronized boolean admit(Socket socket) {
        if (holding.size() >= limits.maxConnections()) {
            Iterator<Socket> oldest = reading.iterator();
            if (!oldest.hasNext()) {
                return false;
            }
            Socket evicted = oldest.next();
            oldest.remove();
            holding.remove(evicted); // its slot is the newcomer's now; its thread just ends
            closeQuietly(evicted);
        }
        holding.add(socket);
        reading.add(socket);
        return true;
    }

    private synchronized void doneReading(Socket socket) {
        reading.remove(socket);
    }

    private synchronized void release(Socket socket) {
        reading.remove(socket);
        holding.remove(socket);
    }

    /** Test hook: connections holding a slot. */
    synchronized int openConnections() {
        return holding.size();
    }

    private void serve(Socket socket) {
        Duration whole = limits.requestTimeout().plus(limits.responseTimeout());
        ScheduledFuture<?> hardDeadline = deadlines.schedule(() -> closeQuietly(socket), whole.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> requestDeadline = deadlines.schedule(() -> closeQuietly(socket),
                limits.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            socket.setSoTimeout((int) limits.requestTimeout().toMillis());
            String head = readHead(socket.getInputStream());
            requestDeadline.cancel(false);
            doneReading(socket);
            if (head == null) {
                return;
            }
            answer(socket.getOutputStream(), head);
        } catch (IOException e) {
            // the client went away, was too slow, or was closed for a newcomer: nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            requestDeadline.cancel(false);
            hardDeadline.cancel(false);
            closeQuietly(socket);
            release(socket);
        }
    }

    /** The request line and headers, or null if the request is too large or incomplete. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int state = 0; // how much of \r\n\r\n has been seen (bare \n\n accepted too)
        while (head.size() < MAX_HEAD) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            if (b == '\n') {
                if (state == 1 || state == 3) {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
                state = 1;
            } else if (b == '\r') {
                state = state == 1 ? 3 : 0;
            } else {
                state = 0;
            }
        }
        return null;
    }

    private void answer(OutputStream out, String head) throws IOException, InterruptedException {
        String[] lines = head.split("\r?\n");
        String[] request = lines[0].split(" ");
        if (request.length != 3 || !request[2].startsWith("HTTP/1.")) {
            reply(out, 400, "Bad Request", "text/plain; charset=utf-8", "bad request\n", true);
            return;
        }
        boolean head_ = request[0].equals("HEAD");
        if (!request[0].equals("GET") && !head_) {
            reply(out, 405, "Method Not Allowed", "text/plain; charset=utf-8", "GET only\n", true);
            return;
        }
        if (auth != null && !auth.permits(header(lines, "authorization"))) {
            reply(out, 401, "Unauthorized", "text/plain; charset=utf-8", "Unauthorized\n", !head_,
                    "WWW-Authenticate: Basic realm=\"qctl\"\r\n");
            return;
        }
        String path = request[1];
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (!path.equals("/metrics")) {
            reply(out, 404, "Not Found", "text/plain; charset=utf-8", "see /metrics\n", !head_);
            return;
        }
        reply(out, 200, "OK", CONTENT_TYPE, metrics.render(), !head_);
    }

    private static String header(String[] lines, String name) {
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase(name)) {
                return lines[i].substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static void reply(OutputStream out, int status, String reason, String type, String body, boolean withBody,
                              String... extraHeaders) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + type + "\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n" + String.join("", extraHeaders) + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (withBody) {
            out.write(bytes);
        }
        out.flush();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is best effort
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // nothing to do
        }
        deadlines.shutdownNow();
    }
}
