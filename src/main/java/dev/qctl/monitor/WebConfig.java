package dev.qctl.monitor;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * The Prometheus exporter-toolkit web configuration file ({@code --web-config FILE}), the part qctl
 * serves: {@code tls_server_config} with {@code cert_file} / {@code key_file} (PEM; paths relative to
 * the file, as the toolkit reads them) and {@code min_version}, and {@code basic_auth_users} with
 * bcrypt hashes. Any other setting is refused by name rather than silently ignored.
 */
public final class WebConfig {
    private static final Set<String> TOP = Set.of("tls_server_config", "basic_auth_users", "http_server_config");
    private static final Set<String> TLS = Set.of("cert_file", "key_file", "min_version");

    private final SSLContext tls;
    private final String minVersion;
    private final BasicAuth basicAuth;

    private WebConfig(SSLContext tls, String minVersion, BasicAuth basicAuth) {
        this.tls = tls;
        this.minVersion = minVersion;
        this.basicAuth = basicAuth;
    }

    /** @throws IllegalArgumentException with one line naming the file and the problem */
    public static WebConfig read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("--web-config " + file + ": " + firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new WebConfig(null, null, null);
        }
        if (!root.isObject()) {
            throw bad(file, "not a mapping");
        }
        unknown(file, root, TOP, "");
        JsonNode http = root.path("http_server_config");
        if (!http.isMissingNode() && !http.isNull() && http.size() > 0) {
            throw bad(file, "http_server_config is not supported by qctl (answers are HTTP/1.1, one per connection)");
        }
        SSLContext tls = null;
        String minVersion = null;
        JsonNode t = root.path("tls_server_config");
        if (t.isObject() && t.size() > 0) {
            unknown(file, t, TLS, "tls_server_config.");
            Path dir = file.toAbsolutePath().getParent();
            String cert = text(file, t, "cert_file");
            String key = text(file, t, "key_file");
            tls = context(file, dir.resolve(cert), dir.resolve(key));
            minVersion = t.path("min_version").isMissingNode() ? null : switch (t.path("min_version").asText()) {
                case "TLS12" -> "TLSv1.2";
                case "TLS13" -> "TLSv1.3";
                default -> throw bad(file, "tls_server_config.min_version must be TLS12 or TLS13 here");
            };
        }
        BasicAuth auth = null;
        JsonNode users = root.path("basic_auth_users");
        if (users.isObject() && users.size() > 0) {
            Map<String, byte[]> hashes = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = users.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String hash = e.getValue().asText();
                if (!hash.matches("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
                    throw bad(file, "basic_auth_users." + e.getKey() + " is not a bcrypt hash ($2y$10$...)");
                }
                hashes.put(e.getKey(), hash.getBytes(StandardCharsets.US_ASCII));
            }
            auth = new BasicAuth(hashes);
        }
        return new WebConfig(tls, minVersion, auth);
    }

    public BasicAuth basicAuth() {
        return basicAuth;
    }

    public boolean tls() {
        return tls != null;
    }

    ServerSocket serverSocket() throws IOException {
        if (tls == null) {
            return new ServerSocket();
        }
        SSLServerSocket socket = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        List<String> protocols = minVersion == null || minVersion.equals("TLSv1.2") ? List.of("TLSv1.3", "TLSv1.2")
                : List.of("TLSv1.3");
        socket.setEnabledProtocols(protocols.toArray(String[]::new));
        return socket;
    }

    /** Checks an Authorization header against the bcrypt hashes. */
    public static final class BasicAuth {
        // bcrypt of a random value, verified for unknown users so that they cost the same time
        private static final byte[] DUMMY = BCrypt.withDefaults().hash(10, "qctl-no-such-user".toCharArray());
        private final Map<String, byte[]> hashes;

        BasicAuth(Map<String, byte[]> hashes) {
            this.hashes = Map.copyOf(hashes);
        }

        public boolean permits(String authorization) {
            if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return false;
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return false;
            }
            byte[] hash = hashes.get(decoded.substring(0, colon));
            byte[] password = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
            boolean ok = BCrypt.verifyer().verify(password, hash == null ? DUMMY : hash).verified;
            return ok && hash != null;
        }
    }

    private static SSLContext context(Path file, Path cert, Path key) {
        try {
            List<? extends Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(cert))));
            if (chain.isEmpty()) {
                throw bad(file, "no certificate in " + cert);
            }
            PrivateKey privateKey = privateKey(file, key);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] none = new char[0];
            store.setKeyEntry("qctl", privateKey, none, chain.toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, none);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw bad(file, "cannot read " + firstLine(e.getMessage()));
        } catch (GeneralSecurityException e) {
            throw bad(file, "unusable certificate or key: " + firstLine(e.getMessage()));
        }
    }

    private static PrivateKey privateKey(Path file, Path key) throws IOException {
        String pem = Files.readString(key, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw bad(file, key + " is not a PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw bad(file, key + ": a private key of a type Java cannot use (RSA, EC or Ed25519 expected)");
    }

    private static void unknown(Path file, JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw bad(file, prefix + name + " is not supported by qctl (supported: " + String.join(", ",
                        known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(Path file, JsonNode node, String name) {
        JsonNode v = node.path(name);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw bad(file, "tls_server_config." + name + " is required");
        }
        return v.asText();
    }

    private static IllegalArgumentException bad(Path file, String why) {
        return new IllegalArgumentException("--web-config " + file + ": " + why);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
