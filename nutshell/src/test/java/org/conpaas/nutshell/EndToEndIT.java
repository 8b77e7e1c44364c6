package org.conpaas.nutshell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole of ConPaaS as a user meets it: the nutshell started from its jar (against the
 * machine's PostgreSQL and RabbitMQ, with databases and an exchange of this run's own), then
 * everything through the gateway only — the administrator adds users, a user logs in and manages
 * applications, app.created reaches vpn-service, another user is refused, bad input gets
 * problem+json, and a restart keeps users and applications.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String DB_URL = env("CONPAAS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String DB_USER = env("CONPAAS_TEST_DB_USER", "postgres");
    private static final String DB_PASSWORD = env("CONPAAS_TEST_DB_PASSWORD", "");
    private static final String AMQP_URL = "amqp://" + env("CONPAAS_TEST_AMQP_USER", "guest") + ":"
            + env("CONPAAS_TEST_AMQP_PASSWORD", "guest") + "@" + env("CONPAAS_TEST_AMQP_HOST", "127.0.0.1") + ":"
            + env("CONPAAS_TEST_AMQP_PORT", "5672") + "/";

    private static Path dataDir;
    private static String prefix;
    private static int port;
    private static int servicePorts;
    private static Process nutshell;
    private static String base;

    private static String adminToken;
    private static String aliceToken;
    private static String bobToken;
    private static String keptAppId;

    @BeforeAll
    static void startNutshell() throws Exception {
        dataDir = Files.createTempDirectory("conpaas-e2e");
        prefix = "e2e_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        port = freePort();
        servicePorts = freePortRange();
        base = "http://127.0.0.1:" + port;
        nutshell = launch();
    }

    @AfterAll
    static void stopNutshell() throws Exception {
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

    @Test
    @Order(1)
    void theAdministratorAddsUsersWhoLogIn() throws Exception {
        String password = Files.readString(dataDir.resolve("admin-password")).strip();
        adminToken = login("admin", password);
        JsonNode me = JSON.readTree(call("GET", "/api/me", adminToken, null).body());
        assertThat(me.get("role").asText()).isEqualTo("admin");

        for (String user : List.of("alice", "bob")) {
            HttpResponse<String> added = call("POST", "/api/users", adminToken,
                    "{\"username\":\"" + user + "\",\"email\":\"" + user + "@example.org\",\"password\":\"" + user + "-secret-1\"}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        }
        aliceToken = login("alice", "alice-secret-1");
        bobToken = login("bob", "bob-secret-1");
        assertThat(JSON.readTree(call("GET", "/api/me", aliceToken, null).body()).get("username").asText()).isEqualTo("alice");
        assertProblem(call("POST", "/api/users", aliceToken, "{\"username\":\"mallory\",\"password\":\"12345678x\"}"), 403);
    }

    @Test
    @Order(2)
    void aUserManagesApplicationsAndTheNetworkFollows() throws Exception {
        JsonNode shop = JSON.readTree(expect(call("POST", "/api/apps", aliceToken, "{\"name\":\"shop\"}"), 201).body());
        JsonNode blog = JSON.readTree(expect(call("POST", "/api/apps", aliceToken, "{\"name\":\"blog\"}"), 201).body());
        keptAppId = shop.get("id").asText();

        JsonNode renamed = JSON.readTree(expect(call("PATCH", "/api/apps/" + keptAppId, aliceToken, "{\"name\":\"web-shop\"}"), 200).body());
        assertThat(renamed.get("name").asText()).isEqualTo("web-shop");
        expect(call("DELETE", "/api/apps/" + blog.get("id").asText(), aliceToken, null), 204);
        JsonNode list = JSON.readTree(expect(call("GET", "/api/apps", aliceToken, null), 200).body());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("name").asText()).isEqualTo("web-shop");

        // app.created crossed the broker: vpn-service gave the application its network
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/apps/" + keptAppId + "/network", aliceToken, null).statusCode() == 200);
        JsonNode network = JSON.readTree(call("GET", "/api/apps/" + keptAppId + "/network", aliceToken, null).body());
        assertThat(network.get("network").asText()).isEqualTo("172.16.0.0/12");
        // and app.deleted released the deleted one's
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/apps/" + blog.get("id").asText() + "/network", aliceToken, null).statusCode() == 404);
    }

    @Test
    @Order(3)
    void anotherUserIsRefused() throws Exception {
        assertThat(JSON.readTree(expect(call("GET", "/api/apps", bobToken, null), 200).body())).isEmpty();
        assertProblem(call("GET", "/api/apps/" + keptAppId, bobToken, null), 404);
        assertProblem(call("PATCH", "/api/apps/" + keptAppId, bobToken, "{\"name\":\"mine\"}"), 404);
        assertProblem(call("DELETE", "/api/apps/" + keptAppId, bobToken, null), 404);
        assertProblem(call("GET", "/api/apps/" + keptAppId + "/network", bobToken, null), 404);
        assertThat(JSON.readTree(call("GET", "/api/apps", adminToken, null).body()).findValuesAsText("id")).contains(keptAppId);
    }

    @Test
    @Order(4)
    void badInputGetsAProblemNeverAServerError() throws Exception {
        assertProblem(call("POST", "/api/apps", aliceToken, "{\"name\":"), 400);
        assertProblem(call("POST", "/api/apps", aliceToken, "{}"), 400);
        assertProblem(call("POST", "/api/apps", aliceToken, "{\"name\":\"" + "x".repeat(500) + "\"}"), 400);
        assertProblem(call("POST", "/api/apps", aliceToken, "{\"name\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}"), 413);
        assertProblem(call("GET", "/api/apps/" + UUID.randomUUID(), aliceToken, null), 404);
        assertProblem(call("GET", "/api/apps", forgedToken(), null), 401);
        assertProblem(call("GET", "/api/apps", null, null), 401);
        assertProblem(call("POST", "/api/auth/login", null, "{\"username\":\"alice\",\"password\":\"wrong\"}"), 401);
        assertProblem(call("GET", "/api/no-such-thing", aliceToken, null), 404);
        assertThat(JSON.readTree(call("GET", "/api/apps", aliceToken, null).body())).hasSize(1);
    }

    @Test
    @Order(5)
    void aRestartKeepsUsersAndApplications() throws Exception {
        stop();
        nutshell = launch();
        String token = login("alice", "alice-secret-1");
        JsonNode list = JSON.readTree(expect(call("GET", "/api/apps", token, null), 200).body());
        assertThat(list.findValuesAsText("id")).containsExactly(keptAppId);
        expect(call("POST", "/api/apps", token, "{\"name\":\"after-restart\"}"), 201);
    }

    @Test
    @Order(6)
    void cpsDoesItAllWithoutCurl() throws Exception {
        Path conf = dataDir.resolve("cps.conf");
        assertThat(cps(conf, "alice-secret-1", "login", "--url", base, "--user", "alice", "--password-stdin").exit()).isZero();
        assertThat(cps(conf, null, "whoami", "-o", "json").out()).contains("\"username\" : \"alice\"");
        assertThat(cps(conf, null, "app", "create", "blog").out()).contains("blog");
        Cli duplicate = cps(conf, null, "app", "create", "BLOG");
        assertThat(duplicate.exit()).isEqualTo(1);
        assertThat(duplicate.err()).isEqualTo("cps: an application named 'BLOG' exists already; choose another name\n");
        assertThat(cps(conf, null, "app", "rename", "blog", "journal").exit()).isZero();
        assertThat(cps(conf, null, "app", "list").out()).contains("journal").contains("web-shop").doesNotContain("blog");
        await().atMost(Duration.ofSeconds(30)).until(() -> cps(conf, null, "app", "show", "journal", "-o", "json").exit() == 0);
        assertThat(cps(conf, null, "app", "show", "journal", "-o", "json").out()).contains("172.16.0.0/12");
        assertThat(cps(conf, null, "app", "delete", "journal").out()).contains("deleted journal");
        Cli check = cps(conf, null, "check");
        assertThat(check.exit()).as(check.out()).isZero();
        assertThat(check.out()).contains("OK    clock", "OK    identity", "OK    vpn", "OK    session", "WARN  tls");

        String adminPassword = Files.readString(dataDir.resolve("admin-password")).strip();
        assertThat(cps(conf, adminPassword, "login", "--user", "admin", "--password-stdin").exit()).isZero();
        assertThat(cps(conf, "carol-secret-1", "user", "add", "carol", "--email", "carol@example.org", "--password-stdin").exit()).isZero();
        assertThat(cps(conf, null, "user", "credit", "carol", "5").out()).contains("55");
        assertThat(cps(conf, null, "user", "list").out()).contains("carol", "alice", "admin");
        assertThat(cps(conf, null, "logout").exit()).isZero();
        assertThat(cps(conf, null, "app", "list").exit()).isEqualTo(1);
    }


    /**
     * Every endpoint every service maps (read from its own /actuator/mappings, so a new endpoint
     * cannot be forgotten) × {anonymous, forged token, another user, the owner's admin}: through
     * the gateway, the expected class of answer in every cell and never a 5xx.
     */
    @Test
    @Order(7)
    void authorizationMatrixOverEveryMappedEndpoint() throws Exception {
        String alice = login("alice", "alice-secret-1");
        String aliceId = JSON.readTree(call("GET", "/api/me", alice, null).body()).get("id").asText();
        String admin = login("admin", Files.readString(dataDir.resolve("admin-password")).strip());
        List<String[]> endpoints = new ArrayList<>();
        for (int p = servicePorts + 1; p <= servicePorts + 5; p++) {
            HttpResponse<String> mappings = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + "/actuator/mappings"))
                    .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(mappings.statusCode()).as("mappings of :" + p).isEqualTo(200);
            for (JsonNode m : JSON.readTree(mappings.body()).findValues("dispatcherServlet")) {
                for (JsonNode handler : m) {
                    JsonNode conditions = handler.path("details").path("requestMappingConditions");
                    for (JsonNode pattern : conditions.path("patterns")) {
                        if (!pattern.asText().startsWith("/api/")) {
                            continue;
                        }
                        for (JsonNode method : conditions.path("methods")) {
                            endpoints.add(new String[]{method.asText(), pattern.asText()});
                        }
                    }
                }
            }
        }
        assertThat(endpoints).as("endpoints found").hasSizeGreaterThan(10);
        String bob = login("bob", "bob-secret-1");
        List<String> wrong = new ArrayList<>();
        for (String[] e : endpoints) {
            String method = e[0];
            String path = concrete(e[1], aliceId);
            String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
            boolean open = PUBLIC.stream().anyMatch(path::startsWith);
            for (String[] who : List.of(new String[]{"anonymous", null}, new String[]{"forged", forgedToken()},
                    new String[]{"bob", bob})) {
                HttpResponse<String> r = call(method, path, who[1], body);
                String cell = who[0] + " " + method + " " + path + " -> " + r.statusCode();
                if (r.statusCode() >= 500 || r.body().contains("no such endpoint")) {
                    wrong.add(cell + " " + r.body());
                } else if (!open && !who[0].equals("bob") && r.statusCode() != 401) {
                    wrong.add(cell + " (expected 401)");
                } else if (who[0].equals("bob") && r.statusCode() / 100 == 2 && (path.contains(aliceId) || path.contains(keptAppId)
                        || r.body().contains(aliceId) || r.body().contains(keptAppId) || path.startsWith("/api/users"))) {
                    wrong.add(cell + " (another user's or an administrator's resource)");
                }
            }
        }
        for (String[] e : endpoints) {
            String path = concrete(e[1], aliceId);
            HttpResponse<String> r = call(e[0], path, admin, e[0].equals("GET") || e[0].equals("DELETE") ? null : "{}");
            boolean open = PUBLIC.stream().anyMatch(path::startsWith);
            if (r.statusCode() >= 500 || (!open && (r.statusCode() == 401 || r.statusCode() == 403))) {
                wrong.add("admin " + e[0] + " " + path + " -> " + r.statusCode() + " " + r.body());
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Paths open without a token (logging in; the CA's certificate, CRL and node enrollment). */
    private static final List<String> PUBLIC = List.of("/api/auth/", "/api/ca/certificate", "/api/ca/crl", "/api/ca/enroll");

    /** A mapped path with its variables filled: alice's ids where they name hers, a placeholder otherwise. */
    private static String concrete(String pattern, String aliceId) {
        return pattern.replace("{id}", pattern.startsWith("/api/users") ? aliceId : keptAppId)
                .replace("{applicationId}", keptAppId).replace("{serviceId}", "web").replace("{nodeId}", "n1")
                .replaceAll("\\{[^}]+}", "x1");
    }

    record Cli(int exit, String out, String err) {
    }

    private static synchronized Cli cps(Path conf, String stdin, String... args) {
        java.io.InputStream realIn = System.in;
        try {
            if (stdin != null) {
                System.setIn(new java.io.ByteArrayInputStream((stdin + "\n").getBytes(StandardCharsets.UTF_8)));
            }
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            picocli.CommandLine cli = org.conpaas.cli.Cps.commandLine(org.conpaas.cli.CpsConfig.load(conf));
            cli.setOut(new java.io.PrintWriter(out, true));
            cli.setErr(new java.io.PrintWriter(err, true));
            int exit = cli.execute(args);
            return new Cli(exit, out.toString(), err.toString());
        } finally {
            System.setIn(realIn);
        }
    }

    // --- helpers -------------------------------------------------------------------------

    private static Process launch() throws IOException {
        Path jar = findJar();
        Path log = dataDir.resolve("nutshell-" + System.nanoTime() + ".out");
        Process p = new ProcessBuilder(javaBin(), "-jar", jar.toString(), "up",
                "--port", String.valueOf(port), "--service-ports", String.valueOf(servicePorts),
                "--data-dir", dataDir.toString(),
                "--db-url", DB_URL, "--db-user", DB_USER, "--db-password", DB_PASSWORD,
                "--db-prefix", prefix, "--amqp-url", AMQP_URL, "--exchange", "conpaas.e2e." + prefix,
                "--repo", repoRoot().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
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

    private static void stop() throws InterruptedException {
        if (nutshell != null && nutshell.isAlive()) {
            List<ProcessHandle> children = nutshell.descendants().toList();
            nutshell.destroy();
            assertThat(nutshell.waitFor(60, TimeUnit.SECONDS)).as("nutshell stops on SIGTERM").isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    private static String login(String user, String password) throws Exception {
        HttpResponse<String> r = call("POST", "/api/auth/login", null,
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("accessToken").asText();
    }

    static HttpResponse<String> call(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r;
    }

    private static void assertProblem(HttpResponse<String> r, int status) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    /** A well-formed RS256 token with ConPaaS claims, signed by a key ConPaaS never saw. */
    private static String forgedToken() throws Exception {
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        var pair = keys.generateKeyPair();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"x\",\"iss\":\"conpaas\",\"aud\":\"conpaas\",\"role\":\"admin\","
                + "\"preferred_username\":\"admin\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}").getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(pair.getPrivate());
        rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(rsa.sign());
    }

    private static Path findJar() throws IOException {
        try (var files = Files.list(repoRoot().resolve("nutshell/target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build the nutshell jar first (mvn package)"));
        }
    }

    private static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("nutshell")) ? here : here.getParent();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A base port whose next five ports are free. */
    private static int freePortRange() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 30000 + new java.util.Random().nextInt(3000) * 10;
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int i = 1; i <= 5; i++) {
                    held.add(new ServerSocket(base + i, 1, java.net.InetAddress.getLoopbackAddress()));
                }
                return base;
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
