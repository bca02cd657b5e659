package dev.qctl.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MetricsServerTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private final List<Socket> clients = new ArrayList<>();
    private MetricsServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws IOException {
        for (Socket s : clients) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private MetricsServer start(MetricsServer.Limits limits, WebConfig web, MetricsServer.Metrics metrics) throws IOException {
        server = new MetricsServer(LOOPBACK, web, limits, metrics, w -> { });
        server.start();
        return server;
    }

    private Socket idleClient(String partial) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort());
        clients.add(s);
        s.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    private static String get(Socket s, String... headers) throws IOException {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET /metrics HTTP/1.1\r\nHost: x\r\n" + String.join("", headers) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private String get(String... headers) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            return get(s, headers);
        }
    }

    @Test
    void clientsThatNeverFinishTheirRequestCannotLockAScrapeOut() throws Exception {
        // a request timeout far beyond the test: only taking slots back from slow clients can save the scrape
        start(new MetricsServer.Limits(Duration.ofMinutes(5), Duration.ofMinutes(5), 4), null, () -> "qctl_up 1\n");
        for (int i = 0; i < 20; i++) {
            idleClient(i % 2 == 0 ? "" : "GET /metr");
        }
        long t0 = System.nanoTime();
        String answer = get();
        assertThat(answer).startsWith("HTTP/1.1 200 OK").contains("Content-Type: text/plain; version=0.0.4").endsWith("qctl_up 1\n");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(server.openConnections()).isLessThanOrEqualTo(4);
    }

    @Test
    void aSlowRequestIsCutAtTheRequestTimeout() throws Exception {
        start(new MetricsServer.Limits(Duration.ofMillis(300), Duration.ofSeconds(5), 8), null, () -> "x 1\n");
        Socket slow = idleClient("GET /metrics HTTP/1.1\r\n");
        slow.setSoTimeout(5_000);
        long t0 = System.nanoTime();
        assertThat(slow.getInputStream().read()).isEqualTo(-1); // closed by the server, no answer
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void scrapesAtTheSameTimeShareOneReadOfTheHosts() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        SingleFlight<String> flight = new SingleFlight<>(() -> {
            reads.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "reads " + reads.get() + "\n";
        });
        start(MetricsServer.Limits.forScrape(Duration.ofSeconds(10)), null, flight::get);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(pool.submit(() -> get()));
            }
            Thread.sleep(500); // all three are waiting on the one read
            release.countDown();
            for (Future<String> a : answers) {
                assertThat(a.get(10, TimeUnit.SECONDS)).endsWith("reads 1\n");
            }
            assertThat(reads.get()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyGetAndHeadOnMetrics() throws Exception {
        start(MetricsServer.Limits.forScrape(Duration.ofSeconds(5)), null, () -> "x 1\n");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            s.getOutputStream().write("POST /metrics HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 405");
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            s.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 404");
        }
    }

    private Path webConfig(String text) throws IOException {
        Files.copy(MetricsServerTest.class.getResourceAsStream("/metrics/cert.pem"), dir.resolve("cert.pem"));
        Files.copy(MetricsServerTest.class.getResourceAsStream("/metrics/key.pem"), dir.resolve("key.pem"));
        return Files.writeString(dir.resolve("web.yml"), text);
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    @Test
    void basicAuthUsersWithBcryptHashes() throws Exception {
        String hash = BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray());
        WebConfig web = WebConfig.read(webConfig("basic_auth_users:\n  prom: " + hash + "\n"));
        start(MetricsServer.Limits.forScrape(Duration.ofSeconds(5)), web, () -> "x 1\n");
        assertThat(get()).startsWith("HTTP/1.1 401").contains("WWW-Authenticate: Basic");
        assertThat(get(basic("prom", "wrong"))).startsWith("HTTP/1.1 401");
        assertThat(get(basic("nobody", "s3cret"))).startsWith("HTTP/1.1 401");
        assertThat(get(basic("prom", "s3cret"))).startsWith("HTTP/1.1 200").endsWith("x 1\n");
    }

    @Test
    void tlsFromTheExporterToolkitFormat() throws Exception {
        WebConfig web = WebConfig.read(webConfig("tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\n"));
        start(MetricsServer.Limits.forScrape(Duration.ofSeconds(5)), web, () -> "tls 1\n");
        assertThat(server.tls()).isTrue();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("qctl", CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(dir.resolve("cert.pem"))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                server.address().getPort())) {
            assertThat(get(s)).startsWith("HTTP/1.1 200").endsWith("tls 1\n");
        }
        // plain HTTP against the TLS port gets no metrics
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            plain.setSoTimeout(5_000);
            String answer;
            try {
                answer = get(plain);
            } catch (IOException e) {
                answer = "";
            }
            assertThat(answer).doesNotContain("tls 1");
        }
    }

    @Test
    void webConfigProblemsAreOneLineNamingTheFile() throws IOException {
        Path unknown = webConfig("tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\n  client_ca_file: ca.pem\n");
        assertThatThrownBy(() -> WebConfig.read(unknown)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(unknown.toString()).hasMessageContaining("client_ca_file is not supported");
        Path plainPassword = Files.writeString(dir.resolve("pw.yml"), "basic_auth_users:\n  prom: s3cret\n");
        assertThatThrownBy(() -> WebConfig.read(plainPassword)).hasMessageContaining("not a bcrypt hash");
        Path missing = Files.writeString(dir.resolve("missing.yml"), "tls_server_config:\n  cert_file: nope.pem\n  key_file: key.pem\n");
        assertThatThrownBy(() -> WebConfig.read(missing)).hasMessageContaining("cannot read").hasMessageNotContaining("\n");
    }
}
