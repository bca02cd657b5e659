package dev.qctl.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.qctl.monitor.HostSnapshot;
import dev.qctl.monitor.PrometheusText;
import dev.qctl.monitor.QueueReader;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.HostTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code qctl metrics}: the queue in the Prometheus text format, printed, written atomically for
 * node_exporter's textfile collector, or served over HTTP for a scrape.
 */
@Command(name = "metrics", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Print queue metrics in the Prometheus text format, write them for node_exporter's textfile "
                + "collector (--textfile), or serve them over HTTP (--listen).")
public final class MetricsCommand implements Callable<Integer> {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final CliContext context;

    @Option(names = "--textfile", paramLabel = "FILE",
            description = "Write the metrics to FILE atomically (write a temporary file, then rename), e.g. "
                    + "/var/lib/prometheus/node-exporter/qctl.prom.")
    Path textfile;

    @Option(names = "--listen", paramLabel = "[ADDR:]PORT",
            description = "Serve /metrics over HTTP on ADDR:PORT (ADDR defaults to 127.0.0.1) until stopped.")
    String listen;

    @Option(names = "--scrape-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "With --listen: give up reading a host after this long (default: ${DEFAULT-VALUE}).")
    int scrapeTimeout = 10;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Recipient domains exported per host; the rest is summed as domain=\"other\" (default: ${DEFAULT-VALUE}).")
    int top = 10;

    @Mixin
    TargetOptions target;

    MetricsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (top < 1 || scrapeTimeout < 1) {
            throw new IllegalArgumentException("--top and --scrape-timeout must be at least 1");
        }
        try (Fleet fleet = target.fleet(context)) {
            if (listen != null) {
                serve(fleet);
                return 0;
            }
            String text = collect(fleet);
            if (textfile != null) {
                writeAtomically(textfile, text);
            } else {
                context.out().print(text);
                context.out().flush();
            }
            return 0;
        }
    }

    /** Reads every host at once (each within the fleet's per-host deadline) and renders them. */
    private String collect(Fleet fleet) {
        QueueReader reader = new QueueReader(context.clock(), dev.qctl.queue.MessageFilter.none(), top,
                ConfiguredRules.classifier(target.config(context)));
        List<HostSnapshot> snapshots;
        if (fleet.several()) {
            snapshots = reader.read(fleet, context::warn);
        } else {
            HostTarget host = fleet.hosts().get(0);
            snapshots = List.of(within(fleet.deadline(), host.name(),
                    () -> reader.read(host.name(), host::adapter, context::warn)));
        }
        snapshots.stream().filter(s -> !s.ok()).forEach(s -> context.warn(s.host() + ": " + s.error()));
        return new PrometheusText(top, context.clock().instant()).render(snapshots);
    }

    /** One host's read, given up after the deadline (a scrape must answer even when a host hangs). */
    private static HostSnapshot within(Duration deadline, String host, Callable<HostSnapshot> read) {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "scrape-" + host);
            t.setDaemon(true);
            return t;
        });
        Future<HostSnapshot> future = executor.submit(read);
        try {
            return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new HostSnapshot(host, "", null, deadline, "no answer within " + deadline.getSeconds() + "s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HostSnapshot(host, "", null, deadline, "interrupted");
        } catch (ExecutionException e) {
            return new HostSnapshot(host, "", null, deadline, String.valueOf(e.getCause()));
        } finally {
            executor.shutdownNow();
        }
    }

    static void writeAtomically(Path file, String text) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                tmp.toFile().setReadable(true, false);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void serve(Fleet fleet) throws IOException, InterruptedException {
        Fleet scrape = fleet.withDeadline(Duration.ofSeconds(scrapeTimeout));
        InetSocketAddress address = address(listen);
        HttpServer server = HttpServer.create(address, 8);
        server.createContext("/metrics", exchange -> metrics(exchange, scrape));
        server.createContext("/", exchange -> reply(exchange, 404, "text/plain; charset=utf-8", "see /metrics\n"));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        context.err().println("qctl: serving metrics on http://" + address.getHostString() + ":" + server.getAddress().getPort()
                + "/metrics");
        context.err().flush();
        new CountDownLatch(1).await(); // until the process is stopped
    }

    private void metrics(HttpExchange exchange, Fleet scrape) throws IOException {
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            reply(exchange, 405, "text/plain; charset=utf-8", "GET only\n");
            return;
        }
        reply(exchange, 200, CONTENT_TYPE, collect(scrape));
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : text.substring(0, colon);
        String port = colon < 0 ? text : text.substring(colon + 1);
        if (host.isEmpty()) {
            host = "127.0.0.1";
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid --listen '" + text + "' (use PORT or ADDR:PORT, e.g. 127.0.0.1:9745)");
        }
    }
}
