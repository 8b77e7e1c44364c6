package org.conpaas.nutshell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.conpaas.nutshell.testkit.RunningNutshell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The nutshell on the container cloud (issue 17): nodes are containers of the node image on this
 * machine's Docker engine, each bringing up its application's WireGuard network with wireguard-go.
 * Application A has two generic services of 2 nodes, application B one of 1 node; every node runs
 * a small TCP server on port 7000 that answers with its service and node id. Nodes of A reach each
 * other on their VPN addresses (TCP, also across A's services, and ICMP); B's node reaches none of A's, and A's
 * nodes never reach B's, although both applications number their nodes from 172.16.0.1. A node
 * added to A is reachable from the others within 10 s. The code runs as conpaas-tenant and cannot
 * read the node's key. Stopping leaves no container and no wireguard-go; a container made by hand
 * with the deployment's label is removed by the watchdog. A mysql cluster of 3 containers replicates
 * over the VPN, answers no other application, and a killed container is replaced by a node that
 * receives the database. Skipped only when no Docker engine answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerCloudIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PORT = 7000;
    private static final String SERVER = """
            import java.io.OutputStream;
            import java.net.ServerSocket;
            import java.net.Socket;
            import java.nio.charset.StandardCharsets;

            /** Answers every connection with who this node is, then closes it. */
            class Who {
                public static void main(String[] args) throws Exception {
                    try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]))) {
                        System.out.println("listening on " + args[0]);
                        while (true) {
                            try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                                out.write((args[1] + "\\n").getBytes(StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
            }
            """;
    private static final String START = """
            echo "uid=$(id -u)"
            if head -c 1 /var/lib/conpaas/node/node-key.pem >/dev/null 2>&1; then echo "KEY READABLE"; else echo "key refused"; fi
            exec java -Xmx16m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss256k Who.java %d "who=$CONPAAS_SERVICE_ID/$CONPAAS_NODE_ID"
            """.formatted(PORT);

    private static RunningNutshell nutshell;
    private static String token;
    private static String deployment;
    /** node id → its service path, VPN address */
    private static final Map<String, String[]> nodesOfA = new LinkedHashMap<>();
    private static String nodeOfB;
    private static String addressOfB;
    private static final List<String> servicePaths = new ArrayList<>();

    @BeforeAll
    static void engineImageAndNutshell() throws Exception {
        assumeTrue(new DockerEngine(DockerEngine.DEFAULT_SOCKET).answers(),
                "no Docker engine answers at " + DockerEngine.DEFAULT_SOCKET + ": the container cloud test needs one (.ci/run starts dockerd)");
        // the image of this checkout's agent: rebuilt when the agent jar changed, else found up to date
        Process build = new ProcessBuilder(RunningNutshell.repoRoot().resolve("deploy/node-image/build").toString()).inheritIO().start();
        assertThat(build.waitFor(10, TimeUnit.MINUTES)).as("the node image build finished in time").isTrue();
        assertThat(build.exitValue()).as("deploy/node-image/build's exit code").isZero();
        nutshell = RunningNutshell.named("containers").option("--nodes", "docker").start();
        deployment = LocalNodeHomes.deployment(nutshell.dataDir());
        String admin = nutshell.login("admin", nutshell.adminPassword());
        nutshell.expect(201, "POST", "/api/users", admin, "{\"username\":\"carol\",\"password\":\"carol-secret-1\"}");
        token = nutshell.login("carol", "carol-secret-1");
    }

    @AfterAll
    static void stopNutshell() throws Exception {
        if (nutshell != null) {
            nutshell.close();
            assertThat(docker("ps", "-aq", "--filter", "label=conpaas:deployment=" + deployment).strip())
                    .as("no container of the deployment after the nutshell stopped").isEmpty();
        }
    }

    @Test
    @Order(1)
    void nodesOfOneApplicationReachEachOtherOnTheVpnAndNotAnotherApplicationsNodes() throws Exception {
        String a = application("vpn-a");
        String b = application("vpn-b");
        String web = service(a, "front");
        String db = service(a, "back");
        String lone = service(b, "lone");
        for (String path : List.of(web, db)) {
            nutshell.expect(202, "POST", path + "/start", token, "{\"nodes\":2}");
        }
        nutshell.expect(202, "POST", lone + "/start", token, "{\"nodes\":1}");
        for (String path : List.of(web, db, lone)) {
            awaitRunning(path, path.equals(lone) ? 1 : 2);
        }
        for (String path : List.of(web, db)) {
            for (JsonNode node : activeNodes(path)) {
                nodesOfA.put(node.get("id").asText(), new String[]{path, node.get("vpnAddress").asText()});
            }
        }
        JsonNode b1 = activeNodes(lone).get(0);
        nodeOfB = b1.get("id").asText();
        addressOfB = b1.get("vpnAddress").asText();
        assertThat(nodesOfA).hasSize(4);
        assertThat(nodesOfA.values()).extracting(v -> v[1]).as("B numbers its nodes like A").contains(addressOfB);

        // the code runs as conpaas-tenant and cannot read the node's key
        for (String node : allNodes()) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(docker("logs", "conpaas-" + node) + tail(node)).contains("uid=10002", "key refused")
                            .doesNotContain("KEY READABLE"));
        }
        // every node of A answers every other node of A on its VPN address, across A's two services
        for (String from : nodesOfA.keySet()) {
            for (Map.Entry<String, String[]> to : nodesOfA.entrySet()) {
                if (!to.getKey().equals(from)) {
                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                            assertThat(connect(from, to.getValue()[1])).contains("/" + to.getKey()));
                }
            }
        }
        // ICMP too, from A's first node to every other node of A
        String first = nodesOfA.keySet().iterator().next();
        for (Map.Entry<String, String[]> to : nodesOfA.entrySet()) {
            if (!to.getKey().equals(first)) {
                assertThat(ping(first, to.getValue()[1])).as("ping A → A's %s", to.getValue()[1]).contains(" 1 received");
            }
        }
        // B's node reaches none of A's addresses; A's nodes never reach B's node (its address is one of A's own there)
        for (Map.Entry<String, String[]> of : nodesOfA.entrySet()) {
            if (!of.getValue()[1].equals(addressOfB)) {
                assertThat(connect(nodeOfB, of.getValue()[1])).as("B → A's %s", of.getValue()[1]).doesNotContain("who=");
                assertThat(ping(nodeOfB, of.getValue()[1])).as("ping B → A's %s", of.getValue()[1]).doesNotContain(" 1 received");
            }
            assertThat(connect(of.getKey(), addressOfB)).as("A → B's %s", addressOfB).doesNotContain(nodeOfB);
        }
        servicePaths.addAll(List.of(web, db, lone));
    }

    @Test
    @Order(2)
    void aNodeAddedToTheApplicationIsReachableFromTheOthersWithin10Seconds() throws Exception {
        String web = servicePaths.get(0);
        nutshell.expect(202, "POST", web + "/nodes", token, "{\"count\":1}");
        awaitRunning(web, 3);
        JsonNode added = null;
        for (JsonNode node : activeNodes(web)) {
            if (!nodesOfA.containsKey(node.get("id").asText())) {
                added = node;
            }
        }
        assertThat(added).as("the added node").isNotNull();
        String id = added.get("id").asText();
        String address = added.get("vpnAddress").asText();
        for (String from : nodesOfA.keySet()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connect(from, address)).contains("/" + id));
        }
        assertThat(connect(nodeOfB, address)).doesNotContain("who=");
    }

    @Test
    @Order(3)
    void aPhpServiceBalancesOverItsBackendsOnTheVpnWhichOnlyTheApplicationsNodesReach() throws Exception {
        String shop = application("shop-c");
        String services = "/api/apps/" + shop + "/services";
        String php = services + "/" + nutshell.expect(201, "POST", services, token, "{\"type\":\"php\",\"name\":\"site\"}").get("id").asText();
        byte[] site = RunningNutshell.zip("index.php", "<?php session_start(); $_SESSION['n'] = ($_SESSION['n'] ?? 0) + 1;\n"
                + "echo 'host=' . gethostname() . ' count=' . $_SESSION['n'] . \"\\n\";\n");
        assertThat(nutshell.upload(php + "/code", token, site).statusCode()).isEqualTo(201);
        nutshell.expect(202, "POST", php + "/start", token, "{\"nodes\":1}");
        awaitRunning(php, 1);
        nutshell.expect(202, "POST", php + "/nodes", token, "{\"count\":1,\"role\":\"backend\"}");
        awaitRunning(php, 2);
        servicePaths.add(php);
        String url = nutshell.expect(200, "GET", php, token, null).get("url").asText();
        assertThat(url).as("the proxy answers on its container's address").startsWith("http://10.");

        // the proxy reaches both backends over the application's WireGuard network; sessions are shared
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        java.util.Set<String> hosts = new java.util.HashSet<>();
        int[] last = {0};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("host=(\\S+) count=(\\d+)").matcher(r.body());
            if (r.statusCode() == 200 && m.find()) {
                hosts.add(m.group(1));
                assertThat(Integer.parseInt(m.group(2))).as("the session counter").isEqualTo(last[0] + 1);
                last[0]++;
            }
            return hosts.size() == 2;
        });
        // a backend answers on its VPN address only: not from this machine, nor from another application's node
        for (JsonNode node : activeNodes(php)) {
            String bridge = node.get("address").asText().split(":")[0];
            String backend = run("curl", "-s", "-m", "3", "-o", "/dev/null", "-w", "%{http_code}", "http://" + bridge + ":8082/");
            assertThat(backend).as("the backend of %s from the host", node.get("id").asText()).isEqualTo("000");
            assertThat(connectPort(nodeOfB, node.get("vpnAddress").asText(), 8082)).as("from B's node, its VPN address").isFalse();
            assertThat(connectPort(nodeOfB, bridge, 8082)).as("from B's node, its bridge address").isFalse();
        }
    }

    @Test
    @Order(4)
    void aMysqlClusterReplicatesOverTheVpnAndAKilledContainerIsReplacedWithTheData() throws Exception {
        String data = application("data-d");
        String services = "/api/apps/" + data + "/services";
        String db = services + "/" + nutshell.expect(201, "POST", services, token, "{\"type\":\"mysql\",\"name\":\"db\"}").get("id").asText();
        nutshell.expect(202, "POST", db + "/start", token, "{\"nodes\":3}");
        awaitRunning(db, 3);
        servicePaths.add(db);
        nutshell.expect(202, "PUT", db + "/mysql/password", token, "{\"password\":\"" + DB_PASSWORD + "\"}");
        JsonNode cluster = awaitCluster(db, 3);
        List<String> nodes = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (JsonNode node : cluster.get("nodes")) {
            nodes.add(node.get("id").asText());
            addresses.add(node.get("address").asText());
            assertThat(node.get("address").asText()).as("a node answers on its VPN address").startsWith("172.");
        }
        sql(nodes.get(0), addresses.get(0), "CREATE DATABASE shop; CREATE TABLE shop.orders (id INT PRIMARY KEY);"
                + " INSERT INTO shop.orders VALUES (1), (2), (3);");
        assertThat(sql(nodes.get(2), addresses.get(1), "SELECT count(*) FROM shop.orders").strip())
                .as("rows written through the first node, read through the second from the third").isEqualTo("3");
        String[] first = addresses.get(0).split(":");
        assertThat(connectPort(nodeOfB, first[0], Integer.parseInt(first[1]))).as("another application's node reaches no database").isFalse();

        // a node's container killed: the watchdog fails it, a new node takes its place and receives the database
        docker("kill", "conpaas-" + nodes.get(1));
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            JsonNode now = nutshell.expect(200, "GET", db + "/mysql", token, null);
            List<String> members = new ArrayList<>();
            now.get("nodes").forEach(n -> {
                if (n.get("member").asBoolean() && n.get("clusterSize").asInt() == 3) {
                    members.add(n.get("id").asText());
                }
            });
            return members.size() == 3 && !members.contains(nodes.get(1));
        });
        JsonNode healed = nutshell.expect(200, "GET", db + "/mysql", token, null);
        for (JsonNode node : healed.get("nodes")) {
            assertThat(sql(node.get("id").asText(), node.get("address").asText(), "SELECT count(*) FROM shop.orders").strip())
                    .as("the rows through %s", node.get("id").asText()).isEqualTo("3");
        }
    }

    private static final String DB_PASSWORD = "vpn-only-s3cret";

    private static JsonNode awaitCluster(String path, int size) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(
                () -> nutshell.expect(200, "GET", path + "/mysql", token, null),
                cluster -> cluster.get("passwordSet").asBoolean() && cluster.get("nodes").size() == size
                        && java.util.stream.StreamSupport.stream(cluster.get("nodes").spliterator(), false)
                        .allMatch(n -> n.get("member").asBoolean() && n.get("clusterSize").asInt() == size));
    }

    /** {@code statements} through the mysql client inside node {@code from}'s container, to the server at {@code address}. */
    private static String sql(String from, String address, String statements) throws Exception {
        String[] hostPort = address.split(":");
        return run("docker", "exec", "conpaas-" + from, "mariadb", "-h", hostPort[0], "-P", hostPort[1], "-u", "admin",
                "-p" + DB_PASSWORD, "-N", "-B", "-e", statements);
    }

    @Test
    @Order(5)
    void stoppingLeavesNoContainerAndNoWireGuardProcess() throws Exception {
        for (String path : servicePaths) {
            nutshell.expect(202, "POST", path + "/stop", token, null);
        }
        for (String path : servicePaths) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> nutshell.expect(200, "GET", path, token, null).get("state").asText().equals("STOPPED"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                docker("ps", "-aq", "--filter", "label=conpaas:deployment=" + deployment).isBlank());
        assertThat(run("ps", "-C", "wireguard-go", "-o", "pid=").strip()).as("wireguard-go processes").isEmpty();
    }

    @Test
    @Order(6)
    void aContainerWithTheDeploymentsLabelThatNoNodeOwnsIsRemovedByTheWatchdog() throws Exception {
        String stray = docker("create", "--label", "conpaas:deployment=" + deployment, "--label", "conpaas:node=stray",
                "--network", "none", NutshellOptions.defaultNodeImage(System.getenv("CONPAAS_NODE_IMAGE"))).strip();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                docker("ps", "-aq", "--no-trunc", "--filter", "id=" + stray).isBlank());
    }

    private static String application(String name) throws Exception {
        String id = nutshell.expect(201, "POST", "/api/apps", token, "{\"name\":\"" + name + "\"}").get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> nutshell.call("GET", "/api/apps/" + id + "/network", token, null).statusCode() == 200);
        return id;
    }

    private static String service(String application, String name) throws Exception {
        String services = "/api/apps/" + application + "/services";
        String path = services + "/" + nutshell.expect(201, "POST", services, token,
                "{\"type\":\"generic\",\"name\":\"" + name + "\"}").get("id").asText();
        assertThat(nutshell.upload(path + "/code", token, code()).statusCode()).isEqualTo(201);
        return path;
    }

    private static void awaitRunning(String path, int nodes) {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            JsonNode service = nutshell.expect(200, "GET", path, token, null);
            if (service.get("state").asText().equals("ERROR")) {
                throw new AssertionError("the service failed: " + service);
            }
            return service.get("state").asText().equals("RUNNING") && RunningNutshell.activeNodes(service) == nodes;
        });
    }

    private static List<JsonNode> activeNodes(String path) throws Exception {
        List<JsonNode> active = new ArrayList<>();
        for (JsonNode node : nutshell.expect(200, "GET", path, token, null).get("nodes")) {
            if (!List.of("TERMINATED", "FAILED", "RELEASING").contains(node.get("state").asText())) {
                active.add(node);
            }
        }
        return active;
    }

    private static List<String> allNodes() {
        List<String> all = new ArrayList<>(nodesOfA.keySet());
        all.add(nodeOfB);
        return all;
    }

    /** The node's service log, as its heartbeats carry it. */
    private static String tail(String node) throws Exception {
        for (JsonNode n : JSON.readTree(nutshell.call("GET", "/api/nodes", token, null).body())) {
            if (n.get("id").asText().equals(node)) {
                return n.path("logTail").asText();
            }
        }
        return "";
    }

    /** What node {@code from} reads from {@code address}:7000 (a TCP connection from inside its container), or "" when it cannot connect. */
    private static String connect(String from, String address) throws Exception {
        return run("docker", "exec", "conpaas-" + from, "timeout", "3", "bash", "-c",
                "exec 3<>/dev/tcp/" + address + "/" + PORT + " && head -n 1 <&3");
    }

    /** Whether node {@code from} can open a TCP connection to {@code address}:{@code port}. */
    private static boolean connectPort(String from, String address, int port) throws Exception {
        return run("docker", "exec", "conpaas-" + from, "timeout", "3", "bash", "-c",
                "exec 3<>/dev/tcp/" + address + "/" + port + " && echo OPEN").contains("OPEN");
    }

    /** {@code ping -c 1} from inside node {@code from}'s container: its summary says " 1 received" when the echo came back. */
    private static String ping(String from, String address) throws Exception {
        return run("docker", "exec", "conpaas-" + from, "ping", "-n", "-c", "1", "-W", "2", address);
    }

    private static byte[] code() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : Map.of("start.sh", START, "Who.java", SERVER).entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String docker(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        return run(command.toArray(String[]::new));
    }

    /** The command's output (stdout and stderr); its exit code is the caller's to judge by that output. */
    private static String run(String... command) throws Exception {
        Path out = Files.createTempFile("container-cloud", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
