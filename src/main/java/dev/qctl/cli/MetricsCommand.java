package dev.qctl.cli;

import dev.qctl.model.Sanitizer;
import dev.qctl.monitor.HostSnapshot;
import dev.qctl.monitor.MetricsServer;
import dev.qctl.monitor.SingleFlight;
import dev.qctl.monitor.WebConfig;
import dev.qctl.monitor.PrometheusText;
import dev.qctl.monitor.QueueReader;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.HostTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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
    static final String CONTENT_TYPE = MetricsServer.CONTENT_TYPE;

    private final CliContext context;

    @Option(names = "--textfile", paramLabel = "FILE",
            description = "Write the metrics to FILE atomically (write a temporary file, then rename), e.g. "
                    + "/var/lib/prometheus/node-exporter/qctl.prom.")
    Path textfile;

    @Option(names = "--listen", paramLabel = "[ADDR:]PORT",
            description = "Serve /metrics over HTTP on ADDR:PORT (ADDR defaults to 127.0.0.1) until stopped.")
    String listen;

    @Option(names = "--web-config", paramLabel = "FILE",
            description = "With --listen: TLS and basic auth from a Prometheus exporter-toolkit web configuration file "
                    + "(tls_server_config cert_file/key_file, basic_auth_users with bcrypt hashes).")
    Path webConfig;

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
        if (webConfig != null && listen == null) {
            throw new IllegalArgumentException("--web-config needs --listen");
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
        return render(snapshots(fleet));
    }

    private String render(List<HostSnapshot> snapshots) {
        return new PrometheusText(top, context.clock().instant()).render(snapshots);
    }

    private List<HostSnapshot> snapshots(Fleet fleet) {
        QueueReader reader = new QueueReader(context.clock(), dev.qctl.queue.MessageFilter.none(), top,
                ConfiguredRules.classifier(target.config(context)));
        Consumer<String> warn = w -> context.warn(Sanitizer.inline(w));
        List<HostSnapshot> snapshots;
        if (fleet.several()) {
            snapshots = reader.read(fleet, warn);
        } else {
            HostTarget host = fleet.hosts().get(0);
            snapshots = List.of(within(fleet.deadline(), host, () -> reader.read(host.name(), host::adapter, warn)));
        }
        // an SSH server's disconnect text or an MTA's error reaches the terminal: shown, never obeyed
        snapshots.stream().filter(s -> !s.ok()).forEach(s -> warn.accept(s.host() + ": " + s.error()));
        return snapshots;
    }

    /**
     * One host's read, given up after the deadline (a scrape must answer even when a host hangs):
     * the host is abandoned then, which kills a local command still running and closes an SSH
     * connection, so neither a process nor the reading thread outlives the scrape.
     */
    private static HostSnapshot within(Duration deadline, HostTarget host, Callable<HostSnapshot> read) {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "scrape-" + host.name());
            t.setDaemon(true);
            return t;
        });
        Future<HostSnapshot> future = executor.submit(read);
        try {
            return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            host.abandon();
            return new HostSnapshot(host.name(), "", null, deadline, "no answer within " + deadline.getSeconds() + "s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            host.abandon();
            return new HostSnapshot(host.name(), "", null, deadline, "interrupted");
        } catch (ExecutionException e) {
            return new HostSnapshot(host.name(), "", null, deadline, String.valueOf(e.getCause()));
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
        WebConfig web = webConfig == null ? null : WebConfig.read(webConfig);
        Fleet scrape = fleet.withDeadline(Duration.ofSeconds(scrapeTimeout));
        Set<String> failed = ConcurrentHashMap.newKeySet();
        // Scrapes that arrive together share one read of the hosts; a host that failed last time
        // (timed out, disconnected, refused) is connected afresh, never left down for good.
        SingleFlight<String> flight = new SingleFlight<>(() -> {
            scrape.hosts().stream().filter(h -> h.abandoned() || failed.contains(h.name())).forEach(HostTarget::reset);
            List<HostSnapshot> snapshots = snapshots(scrape);
            failed.clear();
            snapshots.stream().filter(s -> !s.ok()).forEach(s -> failed.add(s.host()));
            return render(snapshots);
        });
        InetSocketAddress address = address(listen);
        try (MetricsServer server = new MetricsServer(address, web,
                MetricsServer.Limits.forScrape(Duration.ofSeconds(scrapeTimeout)), flight::get, context::warn)) {
            server.start();
            context.err().println("qctl: serving metrics on " + (server.tls() ? "https" : "http") + "://"
                    + address.getHostString() + ":" + server.address().getPort() + "/metrics"
                    + (web != null && web.basicAuth() != null ? " (basic auth)" : ""));
            context.err().flush();
            new CountDownLatch(1).await(); // until the process is stopped
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
