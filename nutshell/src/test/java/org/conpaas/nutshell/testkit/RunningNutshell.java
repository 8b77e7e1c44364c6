package org.conpaas.nutshell.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static org.awaitility.Awaitility.await;

/**
 * The nutshell as the integration tests start it: its jar in a process of its own, against the
 * machine's PostgreSQL and RabbitMQ (databases named with a prefix of this run, an exchange of its
 * own), HTTPS on a free port (or one chosen beforehand, e.g. for an IdP that must know the
 * address), extra settings passed as {@code --set}, then calls through the gateway only.
 * {@link #restart()} stops and starts it on the same data, {@link #close()} stops it and drops
 * exactly the databases it created.
 */
public final class RunningNutshell implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** The services behind the gateway, each with its own database, in the order of their ports (identity first). */
    public static final List<String> SERVICES = List.of("identity", "app", "vpn", "cert", "provisioning");

    /** Test nutshells listen on 20000..32767: below Linux's ephemeral ports, above the nutshell's defaults. */
    private static final int FIRST_PORT = 20000;
    private static final int PORT_RANGES = 1270;
    private static final String DB_URL = env("CONPAAS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String DB_USER = env("CONPAAS_TEST_DB_USER", "postgres");
    private static final String DB_PASSWORD = env("CONPAAS_TEST_DB_PASSWORD", "");
    private static final String AMQP_URL = "amqp://" + env("CONPAAS_TEST_AMQP_USER", "guest") + ":"
            + env("CONPAAS_TEST_AMQP_PASSWORD", "guest") + "@" + env("CONPAAS_TEST_AMQP_HOST", "127.0.0.1") + ":"
            + env("CONPAAS_TEST_AMQP_PORT", "5672") + "/";

    private final Path dataDir;
    private final String prefix;
    private final int port;
    private final int servicePorts;
    private final List<String> settings;
    private Process process;
    private HttpClient http;

    private RunningNutshell(String name, Path dataDir, int port, List<String> settings) throws IOException {
        this.dataDir = dataDir;
        this.prefix = name + "_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        this.port = port;
        this.servicePorts = freePortRange();
        this.settings = List.copyOf(settings);
        this.process = launch();
    }

    /** Starts a nutshell and waits until the gateway reports every service UP. */
    public static RunningNutshell start(String name) throws IOException {
        return named(name).start();
    }

    /** A nutshell to be given settings before it starts. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** What a test sets before the nutshell starts: its gateway port and extra settings. */
    public static final class Builder {
        private final String name;
        private final List<String> settings = new ArrayList<>();
        private Path dataDir;
        private int port;

        private Builder(String name) {
            this.name = name;
        }

        /** The data directory, when the test must write into it before start (default: a new temporary one). */
        public Builder dataDir(Path directory) {
            this.dataDir = directory;
            return this;
        }

        /** The gateway's HTTPS port (default: a free one). */
        public Builder port(int gatewayPort) {
            this.port = gatewayPort;
            return this;
        }

        /** One {@code --set key=value} of the nutshell. */
        public Builder set(String key, Object value) {
            settings.add("--set");
            settings.add(key + "=" + value);
            return this;
        }

        /** Any other option of {@code nutshell up}. */
        public Builder option(String... words) {
            settings.addAll(List.of(words));
            return this;
        }

        public RunningNutshell start() throws IOException {
            Path directory = dataDir != null ? dataDir : Files.createTempDirectory("conpaas-" + name);
            return new RunningNutshell(name, directory, port != 0 ? port : freePort(), settings);
        }
    }

    /**
     * A free TCP port on this machine (for a gateway port chosen before start), below the kernel's ephemeral range
     * (32768 and up): a port the kernel hands out would be free now and could be an outgoing connection's by the time
     * the nutshell binds it.
     */
    public static int freePort() throws IOException {
        Random random = new Random();
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = FIRST_PORT + 7 + random.nextInt(PORT_RANGES) * 10;
            try (ServerSocket s = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port found");
    }

    public int port() {
        return port;
    }

    /** The first of the six consecutive ports the services listen on (loopback only); the gateway's services follow it. */
    public int servicePorts() {
        return servicePorts;
    }

    /** The loopback port of one of {@link #SERVICES}. */
    public int servicePort(String service) {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("no service " + service + " (one of " + SERVICES + ")");
        }
        return servicePorts + SERVICES.indexOf(service) + 1;
    }

    /** The prefix of this run's databases (e.g. {@code prefix() + "identity"}). */
    public String databasePrefix() {
        return prefix;
    }

    /** A JDBC URL of one of this run's databases, on the machine's PostgreSQL. */
    public String databaseUrl(String service) {
        return DB_URL.substring(0, DB_URL.lastIndexOf('/') + 1) + prefix + service;
    }

    /** The port of the PostgreSQL this run's services use (the machine's). */
    public static int databasePort() {
        int port = URI.create(DB_URL.substring("jdbc:".length())).getPort();
        return port < 0 ? 5432 : port;
    }

    /** The port of the AMQP broker this run's services use (the machine's). */
    public static int amqpPort() {
        int port = URI.create(AMQP_URL).getPort();
        return port < 0 ? 5672 : port;
    }

    public static String databaseUser() {
        return DB_USER;
    }

    public static String databasePassword() {
        return DB_PASSWORD;
    }

    /** The process id of one of the nutshell's services (identity, app, provisioning, vpn, cert, gateway). */
    public long servicePid(String service) throws IOException {
        return Long.parseLong(Files.readString(dataDir.resolve("pids").resolve(service + ".pid")).strip());
    }

    /** The node-agent processes of this nutshell's local cloud that run now. */
    public List<Long> liveNodePids() throws IOException {
        Path nodes = dataDir.resolve("nodes");
        List<Long> live = new ArrayList<>();
        if (!Files.isDirectory(nodes)) {
            return live;
        }
        try (var dirs = Files.list(nodes)) {
            for (Path dir : dirs.toList()) {
                Path pid = dir.resolve("pid");
                if (Files.isRegularFile(pid)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).filter(ProcessHandle::isAlive)
                            .ifPresent(p -> live.add(p.pid()));
                }
            }
        }
        return live;
    }

    /** How many of a service's nodes (its JSON) are neither gone nor going. */
    public static int activeNodes(JsonNode service) {
        int active = 0;
        for (JsonNode n : service.get("nodes")) {
            if (!List.of("TERMINATED", "FAILED", "RELEASING").contains(n.get("state").asText())) {
                active++;
            }
        }
        return active;
    }

    /** The nutshell process itself. */
    public Process process() {
        return process;
    }

    public String base() {
        return "https://127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The CA the gateway's certificate chains to. */
    public Path caCertificate() {
        return dataDir.resolve("director").resolve("ca.pem");
    }

    /** The certificate the gateway serves (the leaf first). */
    public Path gatewayCertificate() {
        return dataDir.resolve("director").resolve("director.pem");
    }

    public String adminPassword() throws IOException {
        return Files.readString(dataDir.resolve("admin-password")).strip();
    }

    /** The process id of a node of the local cloud (a node-agent process). */
    public long nodePid(String nodeId) throws IOException {
        return Long.parseLong(Files.readString(dataDir.resolve("nodes").resolve("local-" + nodeId).resolve("pid")).strip());
    }

    public String login(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = call("POST", "/api/auth/login", null, "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login of " + user + " failed: " + r.body());
        }
        return JSON.readTree(r.body()).get("accessToken").asText();
    }

    public HttpResponse<String> call(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What came back: status, content type and body (empty for an event stream, which never ends). */
    public record Answer(int status, String contentType, String body) {
    }

    /**
     * Sends a request through the gateway with any client (e.g. one presenting a certificate) and
     * any content type; an answer that is an event stream is closed once its headers arrive.
     */
    public Answer send(HttpClient client, String method, String path, String token, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        String type = r.headers().firstValue("Content-Type").orElse("");
        try (InputStream in = r.body()) {
            String text = type.startsWith("text/event-stream") ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(r.statusCode(), type, text);
        }
    }

    /** The call's JSON answer, after checking its status. */
    public JsonNode expect(int status, String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = call(method, path, token, body);
        if (r.statusCode() != status) {
            throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ", expected " + status + ": " + r.body());
        }
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    public HttpResponse<String> upload(String path, String token, byte[] archive) throws IOException, InterruptedException {
        return http().send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/zip").PUT(HttpRequest.BodyPublishers.ofByteArray(archive)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A zip archive of one file. */
    public static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Stops the nutshell (SIGTERM) and starts it again on the same data, databases and ports. */
    public void restart() throws IOException, InterruptedException {
        stop();
        process = launch();
    }

    /**
     * Stops the nutshell with SIGTERM, as an operator's {@code conpaas down} does; it stops its
     * services and nodes, and no process of it may be left.
     */
    public void stop() throws InterruptedException {
        if (process.isAlive()) {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the nutshell did not stop on SIGTERM within 60 s");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    /** Stops the nutshell and drops this run's databases. */
    @Override
    public void close() throws Exception {
        stop();
        try (Connection c = DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD); Statement s = c.createStatement()) {
            List<String> dbs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + prefix + "%'")) {
                while (rs.next()) {
                    dbs.add(rs.getString(1));
                }
            }
            for (String db : dbs) {
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }

    private Process launch() throws IOException {
        Path log = dataDir.resolve("nutshell-" + System.nanoTime() + ".out");
        List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", findJar().toString(), "up",
                "--port", String.valueOf(port), "--service-ports", String.valueOf(servicePorts),
                "--data-dir", dataDir.toString(),
                "--db-url", DB_URL, "--db-user", DB_USER, "--db-password", DB_PASSWORD,
                "--db-prefix", prefix, "--amqp-url", AMQP_URL, "--exchange", "conpaas.test." + prefix,
                "--repo", servicesRepo().toString()));
        if (!settings.contains("--nodes")) {
            // the tests written for local nodes (node pids, homes, the port fence) keep them where Docker also answers
            command.addAll(List.of("--nodes", "local"));
        }
        command.addAll(settings);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the nutshell exited: " + Files.readString(log));
                }
                try {
                    return call("GET", "/api/platform/health", null, null).statusCode() == 200;
                } catch (IOException notYet) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            p.destroy();
            throw new IllegalStateException("the nutshell did not become healthy; its output:\n" + Files.readString(log), e);
        }
        return p;
    }

    /** The client trusting exactly the nutshell's CA, once cert-service has written it. */
    public synchronized HttpClient http() throws IOException {
        if (http == null) {
            Path ca = caCertificate();
            if (!Files.isRegularFile(ca)) {
                throw new IOException("no CA certificate yet in " + ca);
            }
            try (InputStream in = Files.newInputStream(ca)) {
                KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
                trust.load(null, null);
                trust.setCertificateEntry("conpaas", CertificateFactory.getInstance("X.509").generateCertificate(in));
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, tmf.getTrustManagers(), null);
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(tls).build();
            } catch (GeneralSecurityException e) {
                throw new IOException(e);
            }
        }
        return http;
    }

    /**
     * Where the services' jars are taken from: this checkout, or {@code -Dconpaas.test.repo} (a
     * directory laid out the same way, e.g. jars built from another commit).
     */
    private static Path servicesRepo() {
        String other = System.getProperty("conpaas.test.repo", "");
        return other.isBlank() ? repoRoot() : Path.of(other);
    }

    public static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("nutshell")) ? here : here.getParent();
    }

    private static Path findJar() throws IOException {
        try (var files = Files.list(repoRoot().resolve("nutshell/target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build the nutshell jar first (mvn package)"));
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A base port that is free with its next five ports, below the ephemeral range as {@link #freePort()}. */
    private static int freePortRange() throws IOException {
        Random random = new Random();
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = FIRST_PORT + random.nextInt(PORT_RANGES) * 10;
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i <= 5; i++) {
                    held.add(new ServerSocket(candidate + i, 1, InetAddress.getLoopbackAddress()));
                }
                return candidate;
            } catch (IOException taken) {
                // try another range
            } finally {
                for (ServerSocket s : held) {
                    s.close();
                }
            }
        }
        throw new IOException("no free port range found");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
