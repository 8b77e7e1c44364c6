package org.conpaas.nutshell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.conpaas.nutshell.testkit.ApiReference;
import org.conpaas.nutshell.testkit.HostileRequests;
import org.conpaas.nutshell.testkit.MappedEndpoints;
import org.conpaas.nutshell.testkit.RunningNutshell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

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

    private static RunningNutshell nutshell;
    private static Path dataDir;
    private static int port;
    private static String base;

    private static String adminToken;
    private static String aliceToken;
    private static String bobToken;
    private static String keptAppId;

    @BeforeAll
    static void startNutshell() throws Exception {
        Path nodeAgent = RunningNutshell.repoRoot().resolve("node-agent").resolve("target").resolve("node-agent-2.0.0-SNAPSHOT.jar");
        Path data = Files.createTempDirectory("conpaas-e2e");
        RunningNutshell.Builder e2e = RunningNutshell.named("e2e").dataDir(data);
        // the gateway's routes and handlers readable on its loopback management port, for the authorization matrix
        MappedEndpoints.SETTINGS.forEach(e2e::set);
        nutshell = e2e
                // billing in seconds, not hours, so the test sees credit go down
                .set("conpaas.billing.period", "10s")
                // the CA issues through an intermediate: the harder chain for gateway, nodes, cps, curl and openssl
                .set("conpaas.ca.intermediate", true)
                // a second cloud (local processes too, in their own directory) to spread a service over
                .set("conpaas.clouds.definitions.local-b.driver", "local")
                .set("conpaas.clouds.definitions.local-b.node-agent-jar", nodeAgent)
                .set("conpaas.clouds.definitions.local-b.work-dir", data.resolve("nodes-b"))
                .set("conpaas.services.clouds.local.images", "conpaas-node")
                .set("conpaas.services.clouds.local-b.images", "conpaas-node")
                // a cloud whose endpoint does not answer: cps check must name it
                .set("conpaas.clouds.definitions.unreachable-one.driver", "opennebula")
                .set("conpaas.clouds.definitions.unreachable-one.endpoint", "http://127.0.0.1:9/RPC2")
                .set("conpaas.clouds.definitions.unreachable-one.credentials", "oneadmin:not-the-password")
                .set("conpaas.clouds.definitions.unreachable-one.template-id", 7)
                .start();
        dataDir = nutshell.dataDir();
        port = nutshell.port();
        base = nutshell.base();
    }

    @AfterAll
    static void stopNutshell() throws Exception {
        if (nutshell != null) {
            nutshell.close();
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
        nutshell.restart();
        String token = login("alice", "alice-secret-1");
        JsonNode list = JSON.readTree(expect(call("GET", "/api/apps", token, null), 200).body());
        assertThat(list.findValuesAsText("id")).containsExactly(keptAppId);
        expect(call("POST", "/api/apps", token, "{\"name\":\"after-restart\"}"), 201);
    }

    @Test
    @Order(6)
    void cpsDoesItAllWithoutCurl() throws Exception {
        Path conf = dataDir.resolve("cps.conf");
        assertThat(cps(conf, "alice-secret-1", "login", "--url", base, "--user", "alice", "--password-stdin",
                "--cacert", dataDir.resolve("director").resolve("ca.pem").toString()).exit()).isZero();
        assertThat(cps(conf, null, "whoami", "-o", "json").out()).contains("\"username\" : \"alice\"");
        assertThat(cps(conf, null, "app", "create", "blog").out()).contains("blog");
        Cli duplicate = cps(conf, null, "app", "create", "BLOG");
        assertThat(duplicate.exit()).isEqualTo(1);
        assertThat(duplicate.err()).isEqualTo("cps: an application named 'BLOG' exists already; choose another name\n");
        assertThat(cps(conf, null, "app", "rename", "blog", "journal").exit()).isZero();
        assertThat(cps(conf, null, "app", "list").out()).contains("journal").contains("web-shop").doesNotContain("blog");
        // right after the create: show waits the moments vpn-service takes to allocate the network
        Cli shown = cps(conf, null, "app", "show", "journal", "-o", "json");
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("172.16.0.0/12");
        assertThat(cps(conf, null, "app", "delete", "journal").out()).contains("deleted journal");
        // every check OK but the one cloud this deployment was given broken (its oned does not answer)
        Cli check = cps(conf, null, "check");
        assertThat(check.out()).contains("OK    clock", "OK    identity", "OK    vpn", "OK    session", "OK    certificate",
                "OK    cloud local", "OK    cloud local-b", "OK    idp").doesNotContain("WARN");
        assertThat(check.out().lines().filter(l -> l.startsWith("FAIL"))).as(check.out()).singleElement().asString()
                .startsWith("FAIL  cloud unreachable-one").contains("opennebula", "conpaas.clouds.definitions.unreachable-one");
        assertThat(check.exit()).isEqualTo(1);
        // a wrong public URL: the director's certificate names 127.0.0.1, not localhost
        Path wrongHost = dataDir.resolve("cps-wrong-host.conf");
        Files.writeString(wrongHost, "url=" + base.replace("127.0.0.1", "localhost") + "\ncacert="
                + dataDir.resolve("director").resolve("ca.pem").toString().replace("\\", "/") + "\n");
        Cli misnamed = cps(wrongHost, null, "check");
        assertThat(misnamed.exit()).as(misnamed.out()).isEqualTo(1);
        assertThat(misnamed.out()).contains("FAIL  certificate", "does not name localhost", "--public-host");

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
    @Tag("reliability")
    void authorizationMatrixOverEveryMappedEndpoint() throws Exception {
        String alice = login("alice", "alice-secret-1");
        String aliceId = JSON.readTree(call("GET", "/api/me", alice, null).body()).get("id").asText();
        String admin = login("admin", Files.readString(dataDir.resolve("admin-password")).strip());
        List<String[]> endpoints = new ArrayList<>();
        for (MappedEndpoints.Endpoint e : MappedEndpoints.of(nutshell, admin).all()) {
            endpoints.add(new String[]{e.method(), e.pattern()});
        }
        assertThat(endpoints).as("endpoints found").hasSizeGreaterThan(10);
        String bob = login("bob", "bob-secret-1");
        List<String> wrong = new ArrayList<>();
        for (String[] e : endpoints) {
            String method = e[0];
            String path = concrete(e[1], aliceId);
            String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
            boolean open = HostileRequests.isOpen(path);
            for (String[] who : List.of(new String[]{"anonymous", null}, new String[]{"forged", forgedToken()},
                    new String[]{"bob", bob})) {
                RunningNutshell.Answer r = nutshell.send(http(), method, path, who[1], body, body == null ? null : "application/json");
                String cell = who[0] + " " + method + " " + path + " -> " + r.status();
                if (r.status() >= 500 || r.body().contains("no such endpoint")) {
                    wrong.add(cell + " " + r.body());
                } else if (!open && !who[0].equals("bob") && r.status() != 401) {
                    wrong.add(cell + " (expected 401)");
                } else if (who[0].equals("bob") && r.status() / 100 == 2 && (path.contains(aliceId) || path.contains(keptAppId)
                        || r.body().contains(aliceId) || r.body().contains(keptAppId) || path.startsWith("/api/users"))) {
                    wrong.add(cell + " (another user's or an administrator's resource)");
                }
            }
        }
        for (String[] e : endpoints) {
            String path = concrete(e[1], aliceId);
            String body = e[0].equals("GET") || e[0].equals("DELETE") ? null : "{}";
            RunningNutshell.Answer r = nutshell.send(http(), e[0], path, admin, body, body == null ? null : "application/json");
            boolean open = HostileRequests.isOpen(path);
            // the node protocol answers node certificates only (conpaas.security.node-paths)
            boolean nodeOnly = path.endsWith("/heartbeat") || path.matches("/api/nodes/[^/]+/database-(archives|imports)/.*");
            if (r.status() >= 500 || (!open && (r.status() == 401 || (r.status() == 403 && !nodeOnly)))) {
                wrong.add("admin " + e[0] + " " + path + " -> " + r.status() + " " + r.body());
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * GET /api/audit and cps audit: who did what to which object, read from the services' event
     * stores; a user reads what they did, an administrator everyone's, with filters.
     */
    @Test
    @Order(6)
    void theAuditTrailSaysWhoDidWhat() throws Exception {
        String alice = login("alice", "alice-secret-1");
        String aliceId = JSON.readTree(call("GET", "/api/me", alice, null).body()).get("id").asText();
        String admin = login("admin", Files.readString(dataDir.resolve("admin-password")).strip());
        String bob = login("bob", "bob-secret-1");

        JsonNode mine = JSON.readTree(expect(call("GET", "/api/audit", alice, null), 200).body());
        assertThat(mine.path("unavailable")).isEmpty();
        assertThat(mine.path("entries").findValuesAsText("action")).contains("application created", "application renamed", "application deleted");
        assertThat(mine.path("entries").findValues("actor")).allSatisfy(actor -> assertThat(actor.path("id").asText()).isEqualTo(aliceId));
        assertThat(mine.path("entries")).anySatisfy(e -> {
            assertThat(e.path("action").asText()).isEqualTo("application renamed");
            assertThat(e.path("actor").path("name").asText()).isEqualTo("alice");
            assertThat(e.path("application").asText()).isEqualTo(keptAppId);
            assertThat(e.path("object").path("type").asText()).isEqualTo("Application");
        });

        JsonNode bobs = JSON.readTree(expect(call("GET", "/api/audit", bob, null), 200).body());
        assertThat(bobs.toString()).doesNotContain(aliceId).doesNotContain(keptAppId);
        assertProblem(call("GET", "/api/audit?user=" + aliceId, bob, null), 403);
        assertProblem(call("GET", "/api/audit?since=yesterday", alice, null), 400);
        assertProblem(call("GET", "/api/audit?limit=0", alice, null), 400);
        HttpResponse<String> notANumber = call("GET", "/api/audit?limit=abc", alice, null);
        assertProblem(notANumber, 400);
        assertThat(JSON.readTree(notANumber.body()).path("detail").asText()).isEqualTo("the parameter 'limit' must be a whole number");
        assertProblem(call("GET", "/api/audit", null, null), 401);

        JsonNode about = JSON.readTree(expect(call("GET", "/api/audit?user=" + aliceId + "&app=" + keptAppId, admin, null), 200).body());
        assertThat(about.path("entries")).isNotEmpty().allSatisfy(e -> {
            assertThat(e.path("actor").path("id").asText()).isEqualTo(aliceId);
            assertThat(e.path("application").asText()).isEqualTo(keptAppId);
        });
        JsonNode everyone = JSON.readTree(expect(call("GET", "/api/audit?limit=500", admin, null), 200).body());
        assertThat(everyone.path("entries")).anySatisfy(e -> {
            assertThat(e.path("action").asText()).isEqualTo("user registered");
            assertThat(e.path("actor").path("name").asText()).isEqualTo("admin");
            assertThat(e.path("service").asText()).isEqualTo("identity");
        });
        JsonNode none = JSON.readTree(expect(call("GET", "/api/audit?since=2099-01-01T00:00:00Z", admin, null), 200).body());
        assertThat(none.path("entries")).isEmpty();

        Path conf = dataDir.resolve("cps-audit.conf");
        assertThat(cps(conf, "alice-secret-1", "login", "--url", base, "--user", "alice", "--password-stdin",
                "--cacert", dataDir.resolve("director").resolve("ca.pem").toString()).exit()).isZero();
        Cli audit = cps(conf, null, "audit", "--app", "web-shop", "--since", "1d");
        assertThat(audit.exit()).as(audit.err()).isZero();
        assertThat(audit.out()).contains("AT", "WHO", "WHAT", "OBJECT", "APPLICATION").contains("alice", "application renamed", "web-shop");
        Cli wrong = cps(conf, null, "audit", "--since", "last tuesday");
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err()).contains("--since must be an age");
    }

    /**
     * The OpenAPI document the gateway serves names every endpoint the services and the gateway
     * map, with its method; the build keeps its copy and a rendered reference in docs/api.
     */
    @Test
    @Order(7)
    void theOpenApiDocumentDescribesEveryMappedEndpoint() throws Exception {
        String admin = login("admin", Files.readString(dataDir.resolve("admin-password")).strip());
        HttpResponse<String> r = call("GET", "/api/openapi.json", null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode document = JSON.readTree(r.body());
        assertThat(document.path("openapi").asText()).startsWith("3.");
        List<String> missing = new ArrayList<>();
        for (MappedEndpoints.Endpoint e : MappedEndpoints.of(nutshell, admin).all()) {
            JsonNode operation = document.path("paths").path(e.pattern()).path(e.method().toLowerCase(Locale.ROOT));
            if (operation.isMissingNode()) {
                missing.add(e.toString());
            }
        }
        assertThat(missing).as("endpoints missing from /api/openapi.json").isEmpty();
        ApiReference.write(document, RunningNutshell.repoRoot().resolve("docs").resolve("api"));
    }

    /**
     * Issue 5's check: in the nutshell a generic service with 3 nodes starts as three node-agent
     * processes that enroll (certificates openssl verifies), heartbeat over mutual TLS and run the
     * uploaded start.sh; a killed node is replaced; removing a node and stopping leave no process;
     * the owner's credit goes down while nodes run.
     */
    @Test
    @Order(8)
    void aGenericServiceRunsOnLocalNodeAgents() throws Exception {
        // a fresh user: the authorization matrix disabled alice
        String admin = login("admin", Files.readString(dataDir.resolve("admin-password")).strip());
        expect(call("POST", "/api/users", admin, "{\"username\":\"dave\",\"password\":\"dave-secret-1\"}"), 201);
        String alice = login("dave", "dave-secret-1");
        long creditBefore = JSON.readTree(call("GET", "/api/me", alice, null).body()).get("credit").asLong();
        String app = JSON.readTree(expect(call("POST", "/api/apps", alice, "{\"name\":\"cluster\"}"), 201).body()).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/apps/" + app + "/network", alice, null).statusCode() == 200);
        String services = "/api/apps/" + app + "/services";
        String svc = JSON.readTree(expect(call("POST", services, alice, "{\"type\":\"generic\",\"name\":\"workers\"}"), 201)
                .body()).get("id").asText();
        String path = services + "/" + svc;
        byte[] code = zip("start.sh", "echo \"started $CONPAAS_NODE_ID at $CONPAAS_VPN_ADDRESS\"\nexec sleep 3600\n");
        HttpResponse<String> uploaded = http().send(HttpRequest.newBuilder(URI.create(base + path + "/code"))
                .header("Authorization", "Bearer " + alice).header("Content-Type", "application/zip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(code)).build(), HttpResponse.BodyHandlers.ofString());
        expect(uploaded, 201);
        expect(call("POST", path + "/start", alice, "{\"nodes\":3}"), 202);

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                .until(() -> state(path, alice).equals("RUNNING") || state(path, alice).equals("ERROR"));
        JsonNode service = JSON.readTree(call("GET", path, alice, null).body());
        assertThat(service.get("state").asText()).as(service.toString()).isEqualTo("RUNNING");
        List<String> addresses = new ArrayList<>();
        service.get("nodes").forEach(n -> addresses.add(n.get("vpnAddress").asText()));
        assertThat(addresses).containsExactly("172.16.0.1", "172.16.0.2", "172.16.0.3");
        assertThat(liveNodeProcesses()).hasSize(3);
        Path ca = dataDir.resolve("director").resolve("ca.pem");
        for (JsonNode node : service.get("nodes")) {
            Path cert = LocalNodeHomes.of(dataDir, node.get("id").asText()).resolve("node.pem");
            Process verify = new ProcessBuilder("openssl", "verify", "-CAfile", ca.toString(), cert.toString())
                    .redirectErrorStream(true).start();
            assertThat(new String(verify.getInputStream().readAllBytes())).contains(": OK");
        }
        // issue 4: every node made its own WireGuard key, registered the public half with its node
        // certificate and keeps a wg-quick configuration naming the other two nodes as peers
        for (JsonNode node : service.get("nodes")) {
            Path wg = LocalNodeHomes.of(dataDir, node.get("id").asText()).resolve("wireguard");
            await().atMost(Duration.ofMinutes(1)).until(() -> Files.isRegularFile(wg.resolve("wg-conpaas.conf"))
                    && Files.readString(wg.resolve("wg-conpaas.conf")).split("\\[Peer]", -1).length == 3);
            String conf = Files.readString(wg.resolve("wg-conpaas.conf"));
            assertThat(conf).contains("Address = " + node.get("vpnAddress").asText() + "/",
                    "PrivateKey = " + Files.readString(wg.resolve("private.key")).strip());
            Process strip = new ProcessBuilder("wg-quick", "strip", wg.resolve("wg-conpaas.conf").toString()).redirectErrorStream(true).start();
            String stripped = new String(strip.getInputStream().readAllBytes());
            assertThat(strip.waitFor()).as(stripped).isZero();
            for (JsonNode other : service.get("nodes")) {
                if (!other.equals(node)) {
                    assertThat(stripped).contains("AllowedIPs = " + other.get("vpnAddress").asText() + "/32");
                }
            }
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            JsonNode nodes = JSON.readTree(call("GET", "/api/nodes", alice, null).body());
            int started = 0;
            for (JsonNode n : nodes) {
                if (n.path("logTail").asText().contains("started " + n.get("id").asText())) {
                    started++;
                }
            }
            return started == 3;
        });
        await().atMost(Duration.ofMinutes(1)).until(() ->
                JSON.readTree(call("GET", "/api/me", alice, null).body()).get("credit").asLong() < creditBefore);

        String victim = service.get("nodes").get(2).get("id").asText();
        long pid = Long.parseLong(Files.readString(dataDir.resolve("nodes").resolve("local-" + victim).resolve("pid")).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            JsonNode s = JSON.readTree(call("GET", path, alice, null).body());
            return s.get("state").asText().equals("RUNNING") && RunningNutshell.activeNodes(s) == 3 && s.toString().contains("replacing failed node " + victim);
        });
        assertThat(liveNodeProcesses()).hasSize(3);

        expect(call("POST", path + "/nodes/remove", alice, "{\"count\":1}"), 202);
        await().atMost(Duration.ofMinutes(2)).until(() -> state(path, alice).equals("RUNNING") && liveNodeProcesses().size() == 2);
        assertProblem(call("POST", path + "/start", alice, "{\"nodes\":1}"), 409);

        expect(call("POST", path + "/stop", alice, null), 202);
        await().atMost(Duration.ofMinutes(2)).until(() -> state(path, alice).equals("STOPPED"));
        assertThat(liveNodeProcesses()).isEmpty();
    }

    /**
     * Issue 3's checks through the gateway: openssl verifies the director's certificate for the
     * host; a user certificate reaches /api/me by mutual TLS with no token; once an administrator
     * revokes it, the gateway refuses it within seconds.
     */
    @Test
    @Order(9)
    void userCertificatesAuthenticateByMutualTlsUntilRevoked() throws Exception {
        Path ca = dataDir.resolve("director").resolve("ca.pem");
        Process sClient = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-verify_ip", "127.0.0.1",
                "-CAfile", ca.toString(), "-verify_return_error").redirectErrorStream(true).start();
        sClient.getOutputStream().close();
        assertThat(new String(sClient.getInputStream().readAllBytes())).contains("Verify return code: 0 (ok)");

        Path conf = dataDir.resolve("dave.conf");
        assertThat(cps(conf, "dave-secret-1", "login", "--url", base, "--user", "dave", "--password-stdin",
                "--cacert", ca.toString()).exit()).isZero();
        Path out = dataDir.resolve("dave-certificate");
        Cli got = cps(conf, null, "user", "get-certificate", "--out", out.toString());
        assertThat(got.exit()).as(got.err()).isZero();
        Process verifyUser = new ProcessBuilder("openssl", "verify", "-CAfile", ca.toString(), out.resolve("user.pem").toString())
                .redirectErrorStream(true).start();
        assertThat(new String(verifyUser.getInputStream().readAllBytes())).contains("user.pem: OK");
        assertThat(Files.getPosixFilePermissions(out.resolve("user.key"))).hasSize(2);
        assertThat(curlMe(ca, out)).as("curl --cert with the certificate cps wrote").contains("\"username\":\"dave\"");

        String dave = login("dave", "dave-secret-1");
        JsonNode issued = JSON.readTree(expect(call("POST", "/api/ca/user-certificate", dave, "{\"password\":\"p12-secret\"}"), 201).body());
        java.security.KeyStore key = java.security.KeyStore.getInstance("PKCS12");
        key.load(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(issued.get("pkcs12Base64").asText())), "p12-secret".toCharArray());
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(key, "p12-secret".toCharArray());
        java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        trust.load(null, null);
        try (var in = Files.newInputStream(ca)) {
            trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        HttpClient withCertificate = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest me = HttpRequest.newBuilder(URI.create(base + "/api/me")).timeout(Duration.ofSeconds(30)).GET().build();

        HttpResponse<String> byCertificate = withCertificate.send(me, HttpResponse.BodyHandlers.ofString());
        assertThat(byCertificate.statusCode()).as(byCertificate.body()).isEqualTo(200);
        assertThat(JSON.readTree(byCertificate.body()).get("username").asText()).isEqualTo("dave");
        HttpResponse<String> forged = withCertificate.send(HttpRequest.newBuilder(URI.create(base + "/api/me"))
                .header("X-Client-Certificate", "x").header("X-Client-Certificate-Proof", "y").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("client-sent certificate headers are replaced").isEqualTo(200);

        String admin = login("admin", Files.readString(dataDir.resolve("admin-password")).strip());
        expect(call("POST", "/api/ca/certificates/" + issued.get("serial").asText() + "/revoke", admin, "{\"reason\":\"keyCompromise\"}"), 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> withCertificate.send(me, HttpResponse.BodyHandlers.ofString()).statusCode() == 401);
        assertProblem(withCertificate.send(me, HttpResponse.BodyHandlers.ofString()), 401);

        String cpsSerial = new String(new ProcessBuilder("openssl", "x509", "-in", out.resolve("user.pem").toString(), "-noout", "-serial")
                .start().getInputStream().readAllBytes()).strip().replace("serial=", "");
        expect(call("POST", "/api/ca/certificates/" + cpsSerial + "/revoke", admin, null), 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> curlMe(ca, out).contains("was revoked"));
    }

    /** {@code curl --cacert ca.pem --cert user.pem --key user.key https://…/api/me}: its output. */
    private static String curlMe(Path ca, Path certificateDir) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-s", "--cacert", ca.toString(),
                "--cert", certificateDir.resolve("user.pem").toString(), "--key", certificateDir.resolve("user.key").toString(),
                base + "/api/me").redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes());
        curl.waitFor();
        return output;
    }

    /** A web service serves the uploaded page from each of its nodes. */
    @Test
    @Order(10)
    void aWebServiceServesTheUploadedSiteFromEveryNode() throws Exception {
        String dave = login("dave", "dave-secret-1");
        String app = JSON.readTree(expect(call("POST", "/api/apps", dave, "{\"name\":\"site\"}"), 201).body()).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/apps/" + app + "/network", dave, null).statusCode() == 200);
        String path = "/api/apps/" + app + "/services/" + JSON.readTree(expect(call("POST", "/api/apps/" + app + "/services", dave,
                "{\"type\":\"web\"}"), 201).body()).get("id").asText();
        HttpResponse<String> uploaded = http().send(HttpRequest.newBuilder(URI.create(base + path + "/code"))
                .header("Authorization", "Bearer " + dave)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(zip("index.html", "<h1>hello from ConPaaS</h1>"))).build(),
                HttpResponse.BodyHandlers.ofString());
        expect(uploaded, 201);
        expect(call("POST", path + "/start", dave, "{\"nodes\":2}"), 202);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> state(path, dave).equals("RUNNING") || state(path, dave).equals("ERROR"));
        JsonNode service = JSON.readTree(call("GET", path, dave, null).body());
        assertThat(service.get("state").asText()).as(service.toString()).isEqualTo("RUNNING");
        for (JsonNode node : service.get("nodes")) {
            String address = node.get("address").asText();
            assertThat(address).as(node.toString()).matches("127\\.0\\.0\\.1:\\d+");
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try {
                    HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + address + "/"))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                    return page.statusCode() == 200 && page.body().contains("hello from ConPaaS");
                } catch (IOException notYet) {
                    return false;
                }
            });
        }
        expect(call("POST", path + "/stop", dave, null), 202);
        await().atMost(Duration.ofMinutes(2)).until(() -> state(path, dave).equals("STOPPED"));
        assertThat(liveNodeProcesses()).isEmpty();
    }

    private static String state(String path, String token) throws Exception {
        return JSON.readTree(call("GET", path, token, null).body()).get("state").asText();
    }

    /** The node-agent processes of this nutshell's local cloud that run now. */
    private static List<Long> liveNodeProcesses() throws IOException {
        return nutshell.liveNodePids();
    }

    private static byte[] zip(String name, String content) throws IOException {
        return RunningNutshell.zip(name, content);
    }

    /** A mapped path with its variables filled: alice's ids where they name hers, a placeholder otherwise. */
    private static String concrete(String pattern, String aliceId) {
        return pattern.replace("{id}", pattern.startsWith("/api/users") ? aliceId : keptAppId)
                .replace("{applicationId}", keptAppId).replace("{serviceId}", "web").replace("{nodeId}", "n1")
                .replaceAll("\\{[^}]+}", "x1");
    }

    /**
     * Issue 6: a user runs a service with cps alone, in the command shapes scripts rely on; the
     * long operations follow the service to RUNNING / STOPPED and print its progress.
     */
    @Test
    @Order(11)
    void cpsRunsAServiceFromAddToRemove() throws Exception {
        String admin = login("admin", Files.readString(dataDir.resolve("admin-password")).strip());
        expect(call("POST", "/api/users", admin, "{\"username\":\"erin\",\"password\":\"erin-secret-1\"}"), 201);
        Path conf = dataDir.resolve("cps-erin.conf");
        assertThat(cps(conf, "erin-secret-1", "login", "--url", base, "--user", "erin", "--password-stdin",
                "--cacert", dataDir.resolve("director").resolve("ca.pem").toString()).exit()).isZero();
        assertThat(cps(conf, null, "app", "create", "batch").exit()).isZero();
        assertThat(cps(conf, null, "service", "types").out()).contains("generic", "web", "mysql");
        Cli added = cps(conf, null, "service", "add", "--app", "batch", "--type", "generic", "--name", "jobs");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("jobs", "generic", "INIT");
        Cli wrongType = cps(conf, null, "service", "add", "--app", "batch", "--type", "cobol", "--name", "old");
        assertThat(wrongType.exit()).isEqualTo(1);
        assertThat(wrongType.err()).startsWith("cps: ").contains("cobol").doesNotContain("\n\n");
        Cli usage = cps(conf, null, "service", "add-nodes", "--app", "batch", "jobs", "--count", "0");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("at least 1");

        Path code = dataDir.resolve("jobs.zip");
        Files.write(code, zip("start.sh", "echo \"job runner $CONPAAS_NODE_ID\"\nexec sleep 3600\n"));
        assertThat(cps(conf, null, "service", "upload", "--app", "batch", "jobs", code.toString()).exit()).isZero();

        Cli started = cps(conf, null, "service", "start", "--app", "batch", "jobs", "--nodes", "1");
        assertThat(started.exit()).as(started.out() + started.err()).isZero();
        assertThat(started.out()).contains("waiting for RUNNING", "PROLOGUE", "RUNNING", "node ");
        // issue 5: the new node goes to the other cloud; both clouds' nodes are in the same VPN subnet
        Cli grown = cps(conf, null, "service", "add-nodes", "--app", "batch", "jobs", "--count", "1", "--clouds", "local-b");
        assertThat(grown.exit()).as(grown.out() + grown.err()).isZero();
        assertThat(grown.out()).contains("ADAPTING", "RUNNING", "cloud=local-b");
        Cli nowhere = cps(conf, null, "service", "add-nodes", "--app", "batch", "jobs", "--clouds", "mars");
        assertThat(nowhere.exit()).isEqualTo(1);
        assertThat(nowhere.err()).contains("cloud must be one of [local, local-b], not 'mars'");

        JsonNode shown = JSON.readTree(cps(conf, null, "service", "show", "--app", "batch", "jobs", "--output", "json").out());
        assertThat(shown.get("state").asText()).isEqualTo("RUNNING");
        assertThat(shown.get("nodes")).hasSize(2);
        for (JsonNode node : shown.get("nodes")) {
            assertThat(node.has("id") && node.has("role") && node.has("cloud") && node.has("address")
                    && node.has("vpnAddress") && node.has("state")).as(node.toString()).isTrue();
        }
        assertThat(shown.get("nodes").get(0).get("cloud").asText()).isEqualTo("local");
        assertThat(shown.get("nodes").get(1).get("cloud").asText()).isEqualTo("local-b");
        assertThat(shown.get("nodes").get(0).get("vpnAddress").asText()).isEqualTo("172.16.0.1");
        assertThat(shown.get("nodes").get(1).get("vpnAddress").asText()).isEqualTo("172.16.0.2");
        String spreadNode = shown.get("nodes").get(1).get("id").asText();
        Path spreadHome = "root".equals(System.getProperty("user.name")) ? LocalNodeHomes.of(dataDir, spreadNode)
                : dataDir.resolve("nodes-b").resolve("local-" + spreadNode);
        assertThat(spreadHome.resolve("node.pem")).isRegularFile();
        assertThat(dataDir.resolve("nodes-b").resolve("local-" + spreadNode).resolve("pid")).isRegularFile();
        assertThat(cps(conf, null, "cloud", "list").out()).contains("local-b");
        assertThat(cps(conf, null, "node", "list", "--state", "RUNNING").out()).contains(shown.get("nodes").get(1).get("id").asText());
        await().atMost(Duration.ofMinutes(1)).until(() -> cps(conf, null, "service", "logs", "batch", "jobs").out().contains("job runner"));

        Cli shrunk = cps(conf, null, "service", "remove-nodes", "--app", "batch", "jobs", "--count", "1");
        assertThat(shrunk.exit()).as(shrunk.out() + shrunk.err()).isZero();
        Cli stopped = cps(conf, null, "service", "stop", "--app", "batch", "jobs");
        assertThat(stopped.exit()).as(stopped.out() + stopped.err()).isZero();
        assertThat(stopped.out()).contains("EPILOGUE", "STOPPED");
        assertThat(cps(conf, null, "service", "remove", "--app", "batch", "jobs").out()).contains("removed jobs");
        assertThat(cps(conf, null, "service", "list", "--app", "batch").out()).doesNotContain("jobs");
        assertThat(cps(conf, null, "app", "delete", "batch").exit()).isZero();
    }

    /**
     * Issue 9's broker outage: the machine's RabbitMQ is stopped for 20 s while a user creates
     * applications; once it is back, every app.created reaches vpn-service (each application gets
     * its network) without restarting anything, and every service reports UP again.
     */
    @Test
    @Order(12)
    @Tag("reliability")
    void aBrokerOutageLosesNoEventAndConsumersReconnect() throws Exception {
        String admin = login("admin", Files.readString(dataDir.resolve("admin-password")).strip());
        expect(call("POST", "/api/users", admin, "{\"username\":\"frank\",\"password\":\"frank-secret-1\"}"), 201);
        String frank = login("frank", "frank-secret-1");
        Path conf = dataDir.resolve("cps-frank.conf");
        assertThat(cps(conf, "frank-secret-1", "login", "--url", base, "--user", "frank", "--password-stdin",
                "--cacert", dataDir.resolve("director").resolve("ca.pem").toString()).exit()).isZero();
        List<String> created = new ArrayList<>();
        long down = System.nanoTime();
        rabbitmqctl("stop_app");
        try {
            for (int i = 0; i < 10; i++) {
                created.add(JSON.readTree(expect(call("POST", "/api/apps", frank, "{\"name\":\"outage-" + i + "\"}"), 201).body())
                        .get("id").asText());
            }
            // cps check names what is wrong: the services report DOWN and the line says a stopped broker does that
            await().atMost(Duration.ofSeconds(15)).until(() -> cps(conf, null, "check").out().contains("DOWN"));
            Cli broken = cps(conf, null, "check");
            assertThat(broken.exit()).isEqualTo(1);
            assertThat(broken.out()).contains("a stopped broker or database makes every service DOWN");
            Thread.sleep(Math.max(0, Duration.ofSeconds(20).toMillis() - (System.nanoTime() - down) / 1_000_000));
            for (String app : created) {
                assertThat(call("GET", "/api/apps/" + app + "/network", frank, null).statusCode())
                        .as("no network while the broker is down").isEqualTo(404);
            }
        } finally {
            rabbitmqctl("start_app");
        }
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (String app : created) {
                assertThat(call("GET", "/api/apps/" + app + "/network", frank, null).statusCode()).as("network of " + app).isEqualTo(200);
            }
        });
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            JsonNode health = JSON.readTree(call("GET", "/api/platform/health", null, null).body()).path("services");
            List<String> notUp = new ArrayList<>();
            health.fields().forEachRemaining(e -> {
                if (!"UP".equals(e.getValue().asText())) {
                    notUp.add(e.getKey());
                }
            });
            return health.size() >= 5 && notUp.isEmpty();
        });
    }

    /**
     * Issue 9's crash during work: while a service starts 5 nodes, app-service and then
     * provisioning-service are killed with SIGKILL (the nutshell restarts them); the service still
     * reaches RUNNING with exactly 5 nodes and 5 node processes, and its stop leaves none.
     */
    @Test
    @Order(13)
    @Tag("reliability")
    void killedServicesResumeAStartWithExactlyTheNodesAskedFor() throws Exception {
        String admin = login("admin", Files.readString(dataDir.resolve("admin-password")).strip());
        expect(call("POST", "/api/users", admin, "{\"username\":\"gina\",\"password\":\"gina-secret-1\"}"), 201);
        String gina = login("gina", "gina-secret-1");
        String app = JSON.readTree(expect(call("POST", "/api/apps", gina, "{\"name\":\"crashy\"}"), 201).body()).get("id").asText();
        await().atMost(Duration.ofMinutes(2)).until(() -> call("GET", "/api/apps/" + app + "/network", gina, null).statusCode() == 200);
        String path = "/api/apps/" + app + "/services/" + JSON.readTree(expect(call("POST", "/api/apps/" + app + "/services", gina,
                "{\"type\":\"generic\",\"name\":\"five\"}"), 201).body()).get("id").asText();
        HttpResponse<String> uploaded = http().send(HttpRequest.newBuilder(URI.create(base + path + "/code"))
                .header("Authorization", "Bearer " + gina).header("Content-Type", "application/zip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(zip("start.sh", "exec sleep 3600\n"))).build(), HttpResponse.BodyHandlers.ofString());
        expect(uploaded, 201);
        int others = liveNodeProcesses().size(); // nodes earlier tests left running, if any

        expect(call("POST", path + "/start", gina, "{\"nodes\":5}"), 202);
        await().atMost(Duration.ofMinutes(1)).until(() -> !JSON.readTree(call("GET", path, gina, null).body()).get("nodes").isEmpty());
        assertThat(state(path, gina)).as("killed in the middle of the start").isEqualTo("PROLOGUE");
        killService("app");
        Thread.sleep(3000);
        killService("provisioning");

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            HttpResponse<String> r = call("GET", path, gina, null);
            return r.statusCode() == 200 && List.of("RUNNING", "ERROR").contains(JSON.readTree(r.body()).get("state").asText());
        });
        JsonNode service = JSON.readTree(call("GET", path, gina, null).body());
        assertThat(service.get("state").asText()).as(service.toString()).isEqualTo("RUNNING");
        assertThat(RunningNutshell.activeNodes(service)).as(service.toString()).isEqualTo(5);
        await().atMost(Duration.ofMinutes(1)).until(() -> liveNodeProcesses().size() == others + 5);

        expect(call("POST", path + "/stop", gina, null), 202);
        await().atMost(Duration.ofMinutes(2)).until(() -> state(path, gina).equals("STOPPED"));
        await().atMost(Duration.ofMinutes(1)).until(() -> liveNodeProcesses().size() == others);
    }

    /**
     * Issue 16: a generic service's start.sh acts as hostile tenant code on the local cloud. It runs
     * as a user of its own (not root), its environment holds nothing of the platform's, it cannot
     * read any file of the nutshell's data directory (secrets, keys, logs, the database), another
     * node's key, or anything its own node's user does not own; and when its node stops, its user
     * and home are gone.
     */
    @Test
    @Order(14)
    void tenantCodeOnALocalNodeHasNoPowerOverThePlatform() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "tenant isolation on the local cloud needs root (nodes then run as users of their own)");
        String admin = login("admin", Files.readString(dataDir.resolve("admin-password")).strip());
        expect(call("POST", "/api/users", admin, "{\"username\":\"mallory\",\"password\":\"mallory-secret-1\"}"), 201);
        String mallory = login("mallory", "mallory-secret-1");
        String app = JSON.readTree(expect(call("POST", "/api/apps", mallory, "{\"name\":\"probe\"}"), 201).body()).get("id").asText();
        await().atMost(Duration.ofMinutes(1)).until(() -> call("GET", "/api/apps/" + app + "/network", mallory, null).statusCode() == 200);
        String path = "/api/apps/" + app + "/services/" + JSON.readTree(expect(call("POST", "/api/apps/" + app + "/services", mallory,
                "{\"type\":\"generic\",\"name\":\"probe\"}"), 201).body()).get("id").asText();
        // every file of the data directory, and every other node's home: none may be readable
        List<String> targets = new ArrayList<>();
        try (var files = Files.walk(dataDir)) {
            files.filter(Files::isRegularFile).limit(400).forEach(f -> targets.add(f.toString()));
        }
        targets.add("/etc/shadow");
        String script = "echo \"probe uid=$(id -u)\"\n"
                + "echo \"probe env=$(env | cut -d= -f1 | sort | tr '\\n' ',')\"\n"
                + "leaks=0\n"
                + "for f in " + String.join(" ", targets.stream().map(t -> "'" + t + "'").toList()) + "; do\n"
                + "  if head -c1 \"$f\" >/dev/null 2>&1; then echo \"probe LEAK $f\"; leaks=$((leaks+1)); fi\n"
                + "done\n"
                + "for d in $(ls -d " + LocalNodeHomes.of(dataDir, "x").getParent() + "/local-* 2>/dev/null); do\n"
                + "  if [ \"$d\" != \"$HOME\" ] && ls \"$d\" >/dev/null 2>&1; then echo \"probe LEAK $d\"; leaks=$((leaks+1)); fi\n"
                + "done\n"
                // the platform's ports on this host: the services', PostgreSQL's and the broker's (guest/guest from
                // localhost on the test machine's RabbitMQ): none may even accept a connection; the director's must
                + "for p in " + String.join(" ", platformPorts()) + "; do\n"
                + "  if bash -c \"exec 3<>/dev/tcp/127.0.0.1/$p\" 2>/dev/null; then echo \"probe OPEN $p\"; leaks=$((leaks+1)); fi\n"
                + "done\n"
                + "if bash -c \"exec 3<>/dev/tcp/127.0.0.1/" + port + "\" 2>/dev/null; then echo \"probe director reachable\"; fi\n"
                + "echo \"probe limits=$(bash -c 'ulimit -u; ulimit -n' | tr '\\n' ' ')\"\n"
                + "echo \"probe memory=$(grep -E ':memory:' /proc/self/cgroup)\"\n"
                + "echo \"probe done leaks=$leaks\"\n"
                + "exec sleep 3600\n";
        HttpResponse<String> uploaded = http().send(HttpRequest.newBuilder(URI.create(base + path + "/code"))
                .header("Authorization", "Bearer " + mallory).header("Content-Type", "application/zip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(zip("start.sh", script))).build(), HttpResponse.BodyHandlers.ofString());
        expect(uploaded, 201);
        int others = liveNodeProcesses().size();
        expect(call("POST", path + "/start", mallory, "{\"nodes\":1}"), 202);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> state(path, mallory).equals("RUNNING"));
        String nodeId = JSON.readTree(call("GET", path, mallory, null).body()).get("nodes").get(0).get("id").asText();
        Path serviceLog = LocalNodeHomes.of(dataDir, nodeId).resolve("service.log");
        await().atMost(Duration.ofMinutes(1)).until(() -> Files.isRegularFile(serviceLog) && Files.readString(serviceLog).contains("probe done"));
        String printed = Files.readString(serviceLog);
        assertThat(printed).as(printed).contains("probe done leaks=0", "probe director reachable").doesNotContain("probe LEAK")
                .doesNotContain("probe OPEN").doesNotContain("probe uid=0\n")
                .contains("probe limits=256 4096 ").containsPattern("probe memory=[0-9]+:memory:/conpaas-[0-9a-f]+/local-" + nodeIdPattern());
        String environment = printed.lines().filter(l -> l.startsWith("probe env=")).findFirst().orElseThrow();
        assertThat(environment.substring("probe env=".length()).split(","))
                .as("start.sh's environment holds only what a node needs")
                .allMatch(name -> name.isEmpty() || name.startsWith("CONPAAS_") || List.of("PATH", "HOME", "LANG", "PWD", "SHLVL", "_", "OLDPWD").contains(name))
                .noneMatch(name -> name.startsWith("CONPAAS_SECURITY") || name.contains("PASSWORD") || name.contains("PASSPHRASE"));
        Path home = LocalNodeHomes.of(dataDir, nodeId);
        String user = Files.getOwner(home).getName();
        assertThat(user).startsWith("cpn").isNotEqualTo("root");

        expect(call("POST", path + "/stop", mallory, null), 202);
        await().atMost(Duration.ofMinutes(2)).until(() -> state(path, mallory).equals("STOPPED"));
        await().atMost(Duration.ofMinutes(1)).until(() -> liveNodeProcesses().size() == others);
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(home));
        Process id = new ProcessBuilder("id", "-u", user).redirectErrorStream(true).start();
        assertThat(id.waitFor()).as("the node's user " + user + " is deleted with its node").isNotZero();
        assertThat(dataDir.resolve("nodes").resolve("local-" + nodeId).resolve("service.log")).as("its log is kept").exists();
    }

    /**
     * Issue 16's check: deleting an application whose 3-node service runs stops and removes the
     * service first, then the application: no node-agent process, node home or further charge is
     * left, the CRL lists the three node certificates, and what each node says it was billed is
     * exactly what its owner's credit history holds for it.
     */
    @Test
    @Order(15)
    void deletingAnApplicationWithARunningServiceLeavesNothingBehind() throws Exception {
        String admin = login("admin", Files.readString(dataDir.resolve("admin-password")).strip());
        String ownerId = JSON.readTree(expect(call("POST", "/api/users", admin,
                "{\"username\":\"heidi\",\"password\":\"heidi-secret-1\"}"), 201).body()).get("id").asText();
        String owner = login("heidi", "heidi-secret-1");
        String app = JSON.readTree(expect(call("POST", "/api/apps", owner, "{\"name\":\"doomed\"}"), 201).body()).get("id").asText();
        await().atMost(Duration.ofMinutes(1)).until(() -> call("GET", "/api/apps/" + app + "/network", owner, null).statusCode() == 200);
        String path = "/api/apps/" + app + "/services/" + JSON.readTree(expect(call("POST", "/api/apps/" + app + "/services", owner,
                "{\"type\":\"generic\",\"name\":\"workers\"}"), 201).body()).get("id").asText();
        HttpResponse<String> uploaded = http().send(HttpRequest.newBuilder(URI.create(base + path + "/code"))
                .header("Authorization", "Bearer " + owner).header("Content-Type", "application/zip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(zip("start.sh", "exec sleep 3600\n"))).build(), HttpResponse.BodyHandlers.ofString());
        expect(uploaded, 201);
        int others = liveNodeProcesses().size();
        expect(call("POST", path + "/start", owner, "{\"nodes\":3}"), 202);
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(() -> state(path, owner).equals("RUNNING"));
        List<String> nodes = new ArrayList<>();
        JSON.readTree(call("GET", path, owner, null).body()).get("nodes").forEach(n -> nodes.add(n.get("id").asText()));
        assertThat(nodes).hasSize(3);
        List<String> serials = new ArrayList<>();
        for (String node : nodes) {
            Process serial = new ProcessBuilder("openssl", "x509", "-noout", "-serial", "-in",
                    LocalNodeHomes.of(dataDir, node).resolve("node.pem").toString()).redirectErrorStream(true).start();
            String out = new String(serial.getInputStream().readAllBytes()).strip();
            assertThat(serial.waitFor()).as(out).isZero();
            serials.add(out.substring(out.indexOf('=') + 1).toUpperCase(java.util.Locale.ROOT));
        }
        // the nodes have been charged at least once (billing runs every 10 s here)
        await().atMost(Duration.ofMinutes(1)).until(() -> billedTo(owner, nodes) >= 3);

        HttpResponse<String> deleting = expect(call("DELETE", "/api/apps/" + app, owner, null), 202);
        assertThat(JSON.readTree(deleting.body()).get("state").asText()).isEqualTo("DELETING");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> call("GET", "/api/apps/" + app, owner, null).statusCode() == 404);
        assertThat(call("GET", path, owner, null).statusCode()).isEqualTo(404);
        await().atMost(Duration.ofMinutes(1)).until(() -> liveNodeProcesses().size() == others);
        for (String node : nodes) {
            assertThat(LocalNodeHomes.of(dataDir, node)).as("node " + node + "'s home").doesNotExist();
        }

        Path crl = Files.createTempFile("conpaas-e2e", ".crl");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Files.writeString(crl, call("GET", "/api/ca/crl?format=pem", null, null).body());
            Process list = new ProcessBuilder("openssl", "crl", "-in", crl.toString(), "-noout", "-text").redirectErrorStream(true).start();
            String text = new String(list.getInputStream().readAllBytes()).toUpperCase(java.util.Locale.ROOT).replace(":", "");
            return list.waitFor() == 0 && serials.stream().allMatch(s -> text.contains("SERIAL NUMBER " + s));
        });
        Files.delete(crl);

        long credit = JSON.readTree(call("GET", "/api/me", owner, null).body()).get("credit").asLong();
        long billed = billedTo(owner, nodes);
        await().during(Duration.ofSeconds(25)).atMost(Duration.ofSeconds(40)).until(() ->
                JSON.readTree(call("GET", "/api/me", owner, null).body()).get("credit").asLong() == credit && billedTo(owner, nodes) == billed);
        JsonNode history = JSON.readTree(call("GET", "/api/users/" + ownerId + "/credit-history", owner, null).body());
        for (JsonNode node : JSON.readTree(call("GET", "/api/nodes", owner, null).body())) {
            String id = node.get("id").asText();
            if (nodes.contains(id)) {
                long charged = 0;
                for (JsonNode entry : history) {
                    if (entry.get("reason").asText().contains("node " + id + " ")) {
                        charged -= entry.get("delta").asLong();
                    }
                }
                assertThat(node.get("billedCredits").asLong()).as("node " + id + " billed, against the credit history").isEqualTo(charged);
            }
        }
    }

    /** The credits the nodes say they were billed. */
    private static long billedTo(String token, List<String> nodes) throws Exception {
        long sum = 0;
        for (JsonNode n : JSON.readTree(call("GET", "/api/nodes", token, null).body())) {
            if (nodes.contains(n.get("id").asText())) {
                sum += n.get("billedCredits").asLong();
            }
        }
        return sum;
    }

    private static String nodeIdPattern() {
        return "[0-9a-f-]{36}";
    }

    /** The ports of the platform's services, database and broker on this host. */
    private static List<String> platformPorts() {
        List<String> ports = new ArrayList<>(List.of(String.valueOf(RunningNutshell.databasePort()), String.valueOf(RunningNutshell.amqpPort())));
        RunningNutshell.SERVICES.forEach(name -> ports.add(String.valueOf(nutshell.servicePort(name))));
        return ports;
    }

    /** SIGKILL to one of the nutshell's services (the nutshell notices and restarts it). */
    private static void killService(String name) throws Exception {
        long pid = nutshell.servicePid(name);
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).start();
        assertThat(kill.waitFor()).as("kill -9 " + name + " (" + pid + ")").isZero();
        // the nutshell notices and starts it again: a new pid
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> nutshell.servicePid(name) != pid);
    }

    private static void rabbitmqctl(String command) throws Exception {
        Process p = new ProcessBuilder("rabbitmqctl", "-q", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("rabbitmqctl " + command + " (this test stops and starts the machine's RabbitMQ): " + out).isZero();
    }

    record Cli(int exit, String out, String err) {
    }

    private static Cli cps(Path conf, String stdin, String... args) {
        org.conpaas.nutshell.testkit.CpsRun run = org.conpaas.nutshell.testkit.CpsRun.of(conf, stdin, args);
        return new Cli(run.exit(), run.out(), run.err());
    }

    // --- helpers -------------------------------------------------------------------------

    private static String login(String user, String password) throws Exception {
        return nutshell.login(user, password);
    }

    static HttpResponse<String> call(String method, String path, String token, String body) throws IOException, InterruptedException {
        return nutshell.call(method, path, token, body);
    }

    /** The client trusting the CA the nutshell's cert-service created. */
    static HttpClient http() {
        try {
            return nutshell.http();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
}
