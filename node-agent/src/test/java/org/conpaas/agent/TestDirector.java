package org.conpaas.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTPS director for the tests: the node protocol (enrollment with a test CA, heartbeats
 * and code downloads that require a client certificate from that CA) on 127.0.0.1, with a
 * server certificate for that address so the agent's host name check applies.
 */
final class TestDirector implements AutoCloseable {

    static final String TOKEN = "one-time-token";

    final TestCa ca = new TestCa();
    final List<PKCS10CertificationRequest> csrs = new CopyOnWriteArrayList<>();
    final AtomicInteger enrollAttempts = new AtomicInteger();
    final List<ReceivedHeartbeat> heartbeats = new CopyOnWriteArrayList<>();
    final AtomicInteger codeDownloads = new AtomicInteger();
    /** Bodies of the WireGuard key registrations received. */
    final List<String> wireGuardKeys = new CopyOnWriteArrayList<>();
    final AtomicInteger refusedWithoutCertificate = new AtomicInteger();
    /** How many enrollments answer 401 "unknown enrollment token" before the CA knows the token. */
    volatile int unknownTokenAnswers;
    /** When set, enrollment answers 401 with this detail. */
    volatile String tokenRefusal;
    /** How many heartbeats answer 503 (after being recorded), as a director that is briefly down. */
    volatile int failingHeartbeats;
    volatile String desired = "RUN";
    volatile Long codeVersion;
    volatile byte[] code;
    /** When set, sent as X-Code-Checksum instead of the code's real one. */
    volatile String checksumOverride;
    /** Code archives by version, served for {@code ?version=N}. */
    final Map<Long, byte[]> codeByVersion = new java.util.concurrent.ConcurrentHashMap<>();
    /** How often each version was downloaded by number. */
    final Map<Long, AtomicInteger> versionDownloads = new java.util.concurrent.ConcurrentHashMap<>();
    /** The php/java part of the answer for a node id (release, environment, members, sessions), when set. */
    final Map<String, HostingAnswer> hosting = new java.util.concurrent.ConcurrentHashMap<>();
    /** When true, the enrollment token may be used by several nodes (tests with more than one agent). */
    volatile boolean tokenReusable;

    private final HttpsServer server;

    private final String address;

    TestDirector() throws Exception {
        this("127.0.0.1");
    }

    /** On {@code address} (e.g. a test network's gateway, for a node in a container), with a certificate naming it. */
    TestDirector(String address) throws Exception {
        this.address = address;
        server = HttpsServer.create(new InetSocketAddress(address, 0), 16);
        SSLContext tls = serverTls();
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = tls.getDefaultSSLParameters();
                ssl.setWantClientAuth(true);
                parameters.setSSLParameters(ssl);
            }
        });
        server.createContext("/api/ca/certificate", exchange -> respond(exchange, 200, "application/x-pem-file",
                ca.pem().getBytes(StandardCharsets.US_ASCII)));
        server.createContext("/api/ca/enroll", this::enroll);
        server.createContext("/api/nodes/", this::heartbeat);
        server.createContext("/api/apps/", this::code);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    URI url() {
        return URI.create("https://" + address + ":" + server.getAddress().getPort());
    }

    ReceivedHeartbeat lastHeartbeat() {
        return heartbeats.isEmpty() ? null : heartbeats.get(heartbeats.size() - 1);
    }

    record ReceivedHeartbeat(String clientCommonName, String pathNodeId, Map<String, Object> body) {
        String state() {
            return (String) body.get("state");
        }

        String detail() {
            return (String) body.get("detail");
        }

        String logTail() {
            return (String) body.get("logTail");
        }

        Integer httpPort() {
            return body.get("httpPort") == null ? null : ((BigDecimal) body.get("httpPort")).intValueExact();
        }

        Long release() {
            return body.get("release") == null ? null : ((BigDecimal) body.get("release")).longValueExact();
        }

        Boolean healthy() {
            return (Boolean) body.get("healthy");
        }

        String healthDetail() {
            return (String) body.get("healthDetail");
        }

        String membersHash() {
            return (String) body.get("membersHash");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> ports() {
            return (Map<String, Object>) body.get("ports");
        }
    }

    /** The php/java fields of an answer, as the control plane sends them. */
    record HostingAnswer(long release, long codeVersion, Map<String, String> environment, String healthPath, String membersHash,
                         List<Member> backends, List<Member> webs, Member sessions) {

        record Member(String node, String host, int port) {
            String json() {
                return "{\"node\":" + Json.quote(node) + ",\"host\":" + Json.quote(host) + ",\"port\":" + port + ",\"weight\":1}";
            }
        }

        static HostingAnswer release(long release, long codeVersion, Map<String, String> environment, String healthPath) {
            return new HostingAnswer(release, codeVersion, environment, healthPath, null, List.of(), List.of(), null);
        }

        HostingAnswer members(String hash, List<Member> backendMembers, List<Member> webMembers) {
            return new HostingAnswer(release, codeVersion, environment, healthPath, hash, backendMembers, webMembers, sessions);
        }

        HostingAnswer sessions(Member store) {
            return new HostingAnswer(release, codeVersion, environment, healthPath, membersHash, backends, webs, store);
        }

        String json() {
            StringBuilder out = new StringBuilder("\"codeVersion\":" + codeVersion + ",\"release\":" + release + ",\"environment\":{");
            out.append(environment.entrySet().stream().map(e -> Json.quote(e.getKey()) + ":" + Json.quote(e.getValue()))
                    .collect(java.util.stream.Collectors.joining(",")));
            out.append("},\"healthPath\":").append(healthPath == null ? "null" : Json.quote(healthPath));
            out.append(",\"membersHash\":").append(membersHash == null ? "null" : Json.quote(membersHash));
            out.append(",\"backends\":[").append(backends.stream().map(Member::json).collect(java.util.stream.Collectors.joining(",")));
            out.append("],\"webs\":[").append(webs.stream().map(Member::json).collect(java.util.stream.Collectors.joining(",")));
            out.append("],\"sessions\":").append(sessions == null ? "null"
                    : "{\"host\":" + Json.quote(sessions.host()) + ",\"port\":" + sessions.port() + "}");
            return out.toString();
        }
    }

    private void enroll(HttpExchange exchange) throws IOException {
        enrollAttempts.incrementAndGet();
        Map<String, Object> request = Json.parseObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (tokenRefusal != null) {
            problem(exchange, 401, tokenRefusal);
            return;
        }
        if (!TOKEN.equals(request.get("token")) || unknownTokenAnswers > 0) {
            unknownTokenAnswers--;
            problem(exchange, 401, "unknown enrollment token");
            return;
        }
        try {
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(Pem.blocks((String) request.get("csr"), "CERTIFICATE REQUEST").get(0));
            csrs.add(csr);
            X509Certificate issued = ca.issue(csr);
            if (!tokenReusable) {
                tokenRefusal = "this enrollment token was used already; ask for a new one";
            }
            respond(exchange, 201, "application/json", ("{\"certificatePem\":" + Json.quote(Pem.encode(issued))
                    + ",\"caChainPem\":" + Json.quote(ca.pem()) + "}").getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            problem(exchange, 400, "csr refused: " + e);
        }
    }

    private void heartbeat(HttpExchange exchange) throws IOException {
        String client = clientCommonName(exchange);
        if (client == null) {
            return;
        }
        String[] path = exchange.getRequestURI().getPath().split("/");
        if (path.length != 5 || !path[4].equals("heartbeat") || !"POST".equals(exchange.getRequestMethod())) {
            problem(exchange, 404, "no such resource");
            return;
        }
        if (!client.equals(path[3])) {
            problem(exchange, 403, "node " + client + " cannot heartbeat for " + path[3]);
            return;
        }
        Map<String, Object> body = Json.parseObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        heartbeats.add(new ReceivedHeartbeat(client, path[3], body));
        if (failingHeartbeats > 0) {
            failingHeartbeats--;
            problem(exchange, 503, "the director is restarting");
            return;
        }
        HostingAnswer hostingAnswer = hosting.get(client);
        String answer = hostingAnswer == null
                ? "{\"desired\":\"" + desired + "\",\"codeVersion\":" + codeVersion + "}"
                : "{\"desired\":\"" + desired + "\"," + hostingAnswer.json() + "}";
        respond(exchange, 200, "application/json", answer.getBytes(StandardCharsets.UTF_8));
    }

    private void code(HttpExchange exchange) throws IOException {
        if (clientCommonName(exchange) == null) {
            return;
        }
        if (exchange.getRequestURI().getPath().endsWith("/wireguard")) {
            wireGuard(exchange);
            return;
        }
        String query = exchange.getRequestURI().getQuery();
        byte[] archive = code;
        if (query != null && query.startsWith("version=")) {
            long version = Long.parseLong(query.substring("version=".length()));
            archive = codeByVersion.getOrDefault(version, code);
            versionDownloads.computeIfAbsent(version, v -> new AtomicInteger()).incrementAndGet();
        }
        if (archive == null) {
            problem(exchange, 404, "no code uploaded");
            return;
        }
        codeDownloads.incrementAndGet();
        String checksum = checksumOverride;
        try {
            exchange.getResponseHeaders().set("X-Code-Checksum", checksum != null ? checksum
                    : "sha256=" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        respond(exchange, 200, "application/octet-stream", archive);
    }

    /** vpn-service's WireGuard endpoint: PUT records the node's public key, GET answers its configuration. */
    private void wireGuard(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("PUT")) {
            wireGuardKeys.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        if (wireGuardKeys.isEmpty()) {
            problem(exchange, 404, "register a key first");
            return;
        }
        respond(exchange, 200, "text/plain", ("[Interface]\n# PrivateKey = <the node's own key: it never leaves the node>\n"
                + "Address = 172.16.0.1/17\nListenPort = 51820\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The client certificate's CN, or null after answering 401 when there is none. */
    private String clientCommonName(HttpExchange exchange) throws IOException {
        try {
            Certificate[] chain = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
            return NodeCredentials.commonName((X509Certificate) chain[0]);
        } catch (SSLPeerUnverifiedException e) {
            refusedWithoutCertificate.incrementAndGet();
            problem(exchange, 401, "a client certificate is required");
            return null;
        }
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        respond(exchange, status, "application/problem+json",
                ("{\"status\":" + status + ",\"detail\":" + Json.quote(detail) + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private SSLContext serverTls() throws Exception {
        KeyPair key = CertificateRequest.newKeyPair();
        X509Certificate certificate = ca.server(key, address);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("director", key.getPrivate(), new char[0], new Certificate[]{certificate, ca.certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", ca.certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
