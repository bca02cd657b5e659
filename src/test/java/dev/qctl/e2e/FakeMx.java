package dev.qctl.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable remote MX for the end-to-end tests: a small SMTP server on 127.0.0.1 (never another
 * address) at a fixed port that the sandbox's real Postfix and Exim are routed to (see
 * scripts/sandbox.d/postfix-transport and exim.conf.in: every {@code *.mx.test} domain). It answers
 * RCPT TO per recipient domain from the reply table the test gives it, so the MTAs' queues fill
 * with the genuine deferral reasons each of them writes for such replies.
 *
 * <pre>
 * try (FakeMx mx = FakeMx.on(FakeMx.PORT)
 *         .reply("greylist.mx.test", "450 4.2.0 {rcpt}: Recipient address rejected: Greylisted")
 *         .reply("quota.mx.test", "452 4.2.2 Over quota, line one", "452 4.2.2 line two")
 *         .start()) { ... }
 * </pre>
 *
 * Reply lines are written {@code CODE TEXT} (or {@code CODE-TEXT}): the continuation dashes of a
 * multi-line reply are set here. In a reply, {@code {rcpt}} stands for {@code <address>} and {@code {domain}} for the
 * recipient domain. A domain without an entry gets {@link #ACCEPT} (and the message is received
 * and kept in {@link #messages()}). A 421 reply closes the connection, as real servers do.
 * Besides, {@link Builder#banner} sets the greeting (a 4xx/5xx greeting refuses the session) and
 * {@link Builder#silent} makes a server that accepts connections and never says a word, and
 * {@link Builder#brokenStartTls} one whose STARTTLS fails the handshake.
 */
public final class FakeMx implements AutoCloseable {
    /** The per-domain server: every *.mx.test domain not routed elsewhere. */
    public static final int PORT = 2530;
    /** ratelimit.mx.test: the connection-limit server (421 greeting in the standard setup). */
    public static final int RATELIMIT_PORT = 2531;
    /** silent.mx.test: accepts and never speaks, so the MTAs time out waiting for the greeting. */
    public static final int SILENT_PORT = 2532;
    /** refused.mx.test: nothing may listen here (connection refused). */
    public static final int REFUSED_PORT = 2533;
    /** tls.mx.test: offers STARTTLS and then breaks the handshake (the MTAs require TLS there). */
    public static final int TLS_PORT = 2534;

    public static final List<String> ACCEPT = List.of("250 2.1.5 Ok");
    private static final String HOST = "mx1.mx.test";
    private static final int IDLE_TIMEOUT_MS = 60_000;

    /** A message the server accepted: envelope and data as received (dot-unstuffed). */
    public record Received(String mailFrom, List<String> rcptTo, String data) {
    }

    private final int port;
    private final List<String> banner;
    private final boolean silent;
    private final boolean brokenTls;
    private final Map<String, List<String>> replies;
    private final ServerSocket server;
    private final ExecutorService workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> rcptsSeen = Collections.synchronizedList(new ArrayList<>());
    private final List<Received> messages = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    private FakeMx(Builder b) {
        this.port = b.port;
        this.banner = b.banner;
        this.silent = b.silent;
        this.brokenTls = b.brokenTls;
        this.replies = Map.copyOf(b.replies);
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("FakeMx: cannot listen on 127.0.0.1:" + port
                    + " (another test with a FakeMx running outside the sandbox lock?)", e);
        }
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fakemx-" + port + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        workers.execute(this::acceptLoop);
    }

    public static Builder on(int port) {
        return new Builder(port);
    }

    public static final class Builder {
        private final int port;
        private List<String> banner = List.of("220 " + HOST + " ESMTP FakeMx");
        private boolean silent;
        private boolean brokenTls;
        private final Map<String, List<String>> replies = new LinkedHashMap<>();

        private Builder(int port) {
            this.port = port;
        }

        /** The reply to RCPT TO for recipients in {@code domain} (exact, case-insensitive). */
        public Builder reply(String domain, String... lines) {
            return reply(domain, List.of(lines));
        }

        public Builder reply(String domain, List<String> lines) {
            replies.put(domain.toLowerCase(Locale.ROOT), checked(lines));
            return this;
        }

        public Builder replies(Map<String, List<String>> table) {
            table.forEach(this::reply);
            return this;
        }

        /** The greeting; a 4xx or 5xx one refuses the session (a 421 one also hangs up). */
        public Builder banner(String... lines) {
            banner = checked(List.of(lines));
            return this;
        }

        /** Accept connections and never send a byte. */
        public Builder silent() {
            silent = true;
            return this;
        }

        /** Offer STARTTLS, accept it, then answer the client's TLS hello with plain text and hang up. */
        public Builder brokenStartTls() {
            brokenTls = true;
            return this;
        }

        public FakeMx start() {
            return new FakeMx(this);
        }

        private static List<String> checked(List<String> lines) {
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("a reply needs at least one line");
            }
            String code = lines.get(0).substring(0, Math.min(3, lines.get(0).length()));
            for (String line : lines) {
                if (!line.matches("[2-5]\\d\\d([ -].*)?") || !line.startsWith(code)) {
                    throw new IllegalArgumentException("reply lines must read 'CODE text' with one code: " + lines);
                }
            }
            return List.copyOf(lines);
        }
    }

    public int port() {
        return port;
    }

    /** Every RCPT TO address the server was given (all sessions, in order). */
    public List<String> rcptsSeen() {
        synchronized (rcptsSeen) {
            return List.copyOf(rcptsSeen);
        }
    }

    public List<Received> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    public int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                open.add(s);
                workers.execute(() -> {
                    try {
                        serve(s);
                    } catch (IOException e) {
                        // the client went away: nothing to record
                    } finally {
                        open.remove(s);
                        closeQuietly(s);
                    }
                });
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("FakeMx " + port + ": accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket s) throws IOException {
        s.setSoTimeout(IDLE_TIMEOUT_MS);
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        if (silent) {
            try {
                while (in.read() >= 0) {
                    // swallow whatever the client sends; never answer
                }
            } catch (SocketTimeoutException | SocketException e) {
                // the idle timeout or close(): hang up
            }
            return;
        }
        send(out, banner, null);
        if (banner.get(0).startsWith("421")) {
            return;
        }
        boolean refusing = !banner.get(0).startsWith("2");
        String mailFrom = null;
        List<String> accepted = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String verb = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
            if (verb.equals("QUIT")) {
                send(out, List.of("221 2.0.0 Bye"), null);
                return;
            }
            if (refusing) {
                send(out, List.of("503 5.5.0 Error: session refused"), null);
                continue;
            }
            switch (verb) {
                case "EHLO" -> {
                    List<String> ehlo = new ArrayList<>(List.of("250 " + HOST, "250 PIPELINING", "250 SIZE 52428800",
                            "250 ENHANCEDSTATUSCODES", "250 8BITMIME"));
                    if (brokenTls) {
                        ehlo.add("250 STARTTLS");
                    }
                    send(out, ehlo, null);
                }
                case "STAR" -> {
                    if (!brokenTls) {
                        send(out, List.of("502 5.5.1 Error: command not implemented"), null);
                        continue;
                    }
                    send(out, List.of("220 2.0.0 Ready to start TLS"), null);
                    // wait for the client's hello, answer it with plain text, and let the client hang up
                    // (closing at once would race: the client might see the close instead of the text)
                    s.setSoTimeout(10_000);
                    try {
                        if (in.read() >= 0) {
                            out.write("this is not TLS\r\n".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            while (in.read() >= 0) {
                                // drain until the client gives up
                            }
                        }
                    } catch (SocketTimeoutException | SocketException e) {
                        // the client did not hang up: do it here
                    }
                    return;
                }
                case "HELO" -> send(out, List.of("250 " + HOST), null);
                case "MAIL" -> {
                    mailFrom = between(line, '<', '>');
                    accepted.clear();
                    send(out, List.of("250 2.1.0 Ok"), null);
                }
                case "RCPT" -> {
                    String rcpt = between(line, '<', '>');
                    rcptsSeen.add(rcpt);
                    List<String> reply = replies.getOrDefault(domainOf(rcpt), ACCEPT);
                    send(out, reply, rcpt);
                    if (reply.get(0).startsWith("421")) {
                        return;
                    }
                    if (reply.get(0).startsWith("2")) {
                        accepted.add(rcpt);
                    }
                }
                case "DATA" -> {
                    if (mailFrom == null || accepted.isEmpty()) {
                        send(out, List.of("554 5.5.1 Error: no valid recipients"), null);
                        continue;
                    }
                    send(out, List.of("354 End data with <CR><LF>.<CR><LF>"), null);
                    StringBuilder data = new StringBuilder();
                    String d;
                    while ((d = in.readLine()) != null && !d.equals(".")) {
                        data.append(d.startsWith(".") ? d.substring(1) : d).append('\n');
                    }
                    if (d == null) {
                        return;
                    }
                    messages.add(new Received(mailFrom, List.copyOf(accepted), data.toString()));
                    send(out, List.of("250 2.0.0 Ok: queued as FAKEMX" + messages.size()), null);
                    mailFrom = null;
                    accepted.clear();
                }
                case "RSET" -> {
                    mailFrom = null;
                    accepted.clear();
                    send(out, List.of("250 2.0.0 Ok"), null);
                }
                case "NOOP" -> send(out, List.of("250 2.0.0 Ok"), null);
                default -> send(out, List.of("502 5.5.2 Error: command not recognized"), null);
            }
        }
    }

    /** Writes a reply, adding the continuation dashes and filling in {rcpt} and {domain}. */
    private static void send(OutputStream out, List<String> lines, String rcpt) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (rcpt != null) {
                line = line.replace("{rcpt}", "<" + rcpt + ">").replace("{domain}", domainOf(rcpt));
            }
            String code = line.substring(0, 3);
            String text = line.length() > 4 ? line.substring(4) : "";
            b.append(code).append(i < lines.size() - 1 ? '-' : ' ').append(text).append("\r\n");
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String between(String line, char open, char close) {
        int a = line.indexOf(open);
        int b = line.indexOf(close, a + 1);
        return a < 0 || b < 0 ? "" : line.substring(a + 1, b);
    }

    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
