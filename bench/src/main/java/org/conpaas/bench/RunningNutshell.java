package org.conpaas.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A nutshell started from its jar on free ports with a fresh data directory, reached over HTTPS trusting its CA. */
final class RunningNutshell implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final Path data;
    final int port;
    /** identity-service listens on servicePorts + 1, app-service on + 2, … (plain HTTP on loopback). */
    final int servicePorts;
    final Process process;
    final long startedNanos;
    private HttpClient http;

    RunningNutshell(String... extra) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("nutshell/target"))) {
            jar = files.filter(f -> f.toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build first: ./mvnw -DskipTests package"));
        }
        data = Files.createTempDirectory("conpaas-bench-nutshell");
        // ten free ports below Linux's ephemeral range (32768+), where an outgoing connection may take a
        // port between the check and the bind: services N..N+5, the gateway N+7, PostgreSQL N+8, AMQP N+9
        servicePorts = freePortRange();
        port = servicePorts + 7;
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the launcher's heap as ./conpaas up gives it (CONPAAS_JAVA_OPTS' default): its memory is then what users see
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(javaBin, "-Xmx512m", "-jar", jar.toString(), "up",
                "--data-dir", data.toString(), "--port", String.valueOf(port),
                "--service-ports", String.valueOf(servicePorts),
                "--pg-port", String.valueOf(servicePorts + 8), "--amqp-port", String.valueOf(servicePorts + 9)));
        command.addAll(java.util.List.of(extra));
        startedNanos = System.nanoTime();
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(data.resolve("nutshell.out").toFile()).start();
        // a benchmark stopped with Ctrl-C or kill still stops its nutshell (which stops its services)
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-bench-nutshell"));
    }

    /** Waits until /api/platform/health answers 200 (6 minutes at most). */
    void awaitHealthy() throws Exception {
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the nutshell exited: " + Files.readString(data.resolve("nutshell.out")));
            }
            try {
                if (call("GET", "/api/platform/health", null, null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (System.nanoTime() - startedNanos > TimeUnit.MINUTES.toNanos(6)) {
                throw new IllegalStateException("not healthy after 6 minutes");
            }
            Thread.sleep(250);
        }
    }

    HttpResponse<String> call(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = call(method, path, token, body);
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    String adminToken() throws Exception {
        String password = Files.readString(data.resolve("admin-password")).strip();
        return json("POST", "/api/auth/login", null, "{\"username\":\"admin\",\"password\":\"" + password + "\"}")
                .get("accessToken").asText();
    }

    synchronized HttpClient client() throws IOException {
        if (http == null) {
            http = HttpClient.newBuilder().sslContext(sslContext()).connectTimeout(Duration.ofSeconds(2)).build();
        }
        return http;
    }

    /** Trusts exactly this nutshell's CA; IOException until cert-service has written it. */
    SSLContext sslContext() throws IOException {
        Path ca = data.resolve("director").resolve("ca.pem");
        if (!Files.isRegularFile(ca)) {
            throw new IOException("no CA yet");
        }
        {
            try (InputStream in = Files.newInputStream(ca)) {
                KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
                trust.load(null, null);
                trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, tmf.getTrustManagers(), null);
                return tls;
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(90, TimeUnit.SECONDS);
    }

    private static int freePortRange() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = 20000 + random.nextInt(1270) * 10;
            java.util.List<ServerSocket> held = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    held.add(new ServerSocket(candidate + i, 1, java.net.InetAddress.getLoopbackAddress()));
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
        throw new IOException("no ten free ports found");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
