package org.conpaas.agent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * php and java nodes as real agent processes against {@link TestDirector}, with the real nginx,
 * PHP-FPM, memcached and Tomcat of this machine. Run as root (CI), the nodes get a service user
 * (nobody) as container nodes do, so the runtimes run unprivileged through setpriv.
 */
class WebHostingProtocolTest {

    private static final Duration EXIT = Duration.ofSeconds(30);
    static final String GREETING = "hello \"world\"; $HOME & 100% ok";
    static final String INDEX_PHP = """
            <?php
            if ($_SERVER['REQUEST_URI'] === '/health') { echo "ok"; exit; }
            session_start();
            $_SESSION['n'] = ($_SESSION['n'] ?? 0) + 1;
            header('Content-Type: text/plain');
            echo "greeting=" . getenv("GREETING") . "\\n";
            echo "server=" . ($_SERVER["GREETING"] ?? "") . "\\n";
            echo "count=" . $_SESSION['n'] . "\\n";
            echo "host=" . gethostname() . "\\n";
            echo "backend=" . $_SERVER['SERVER_PORT'] . "\\n";
            """;

    @TempDir
    Path directory;
    private TestDirector director;
    private final List<Node> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One agent: its node id, ports and process. */
    record Node(String id, Path workDir, int proxy, int web, int backend, int sessions, AgentProcess agent) {
    }

    @BeforeEach
    void startDirector() throws Exception {
        director = new TestDirector();
        director.tokenReusable = true;
        // as a service user the runtimes must reach the code directories below this one
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stopAll() {
        for (Node node : nodes) {
            node.agent().close();
            System.out.println(node.id() + " agent log:\n" + node.agent().stderr());
        }
        director.close();
    }

    static void assumeRuntimes(ServiceType type) {
        Optional<String> missing = Runtimes.onThisNode().missing(type, EnumSet.allOf(WebRole.class));
        assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElse(""));
    }

    static boolean root() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private Node start(String id, ServiceType type, String roles) throws Exception {
        Path home = directory.resolve(id);
        Path workDir = home.resolve("work");
        Map<String, String> settings = AgentProcess.settings(director, workDir, true);
        settings.put("node-id", id);
        settings.put("type", type.label());
        settings.put("web-roles", roles);
        int[] ports = {freePort(), freePort(), freePort(), freePort()};
        settings.put("proxy-port", Integer.toString(ports[0]));
        settings.put("static-port", Integer.toString(ports[1]));
        settings.put("backend-port", Integer.toString(ports[2]));
        settings.put("sessions-port", Integer.toString(ports[3]));
        settings.put("heartbeat-interval", "0.2");
        settings.put("code-dir", home.resolve("code").toString());
        if (root()) {
            Path tenant = Files.createDirectories(home.resolve("tenant"));
            Files.setAttribute(tenant, "unix:uid", 65534);
            Files.setAttribute(tenant, "unix:gid", 65534);
            settings.put("service-user", "65534:65534");
            settings.put("service-home", tenant.toString());
        }
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Node node = new Node(id, workDir, ports[0], ports[1], ports[2], ports[3], AgentProcess.start(settings, home));
        nodes.add(node);
        return node;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private TestDirector.ReceivedHeartbeat awaitHeartbeat(Node node, String why, Predicate<TestDirector.ReceivedHeartbeat> matching) {
        return await(why).atMost(Duration.ofSeconds(120)).until(() -> {
            Optional<TestDirector.ReceivedHeartbeat> found = director.heartbeats.stream()
                    .filter(beat -> beat.clientCommonName().equals(node.id())).filter(matching).reduce((a, b) -> b);
            assertTrue(found.isPresent() || node.agent().process.isAlive(), () -> "the agent exited: " + node.agent().stderr());
            return found;
        }, Optional::isPresent).orElseThrow();
    }

    private HttpResponse<String> get(int port, String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static TestDirector.HostingAnswer.Member member(Node node, int port) {
        return new TestDirector.HostingAnswer.Member(node.id(), "127.0.0.1", port);
    }

    @Test
    void aPhpNodeWithEveryRoleServesThroughItsProxyWithTheReleasesEnvironmentAndLeavesNothingBehind() throws Exception {
        assumeRuntimes(ServiceType.PHP);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("index.php", INDEX_PHP);
        files.put("css/site.css", "h1 { color: red }");
        director.codeByVersion.put(3L, Archives.zip(files));
        Node node = start("php-1", ServiceType.PHP, "proxy,web,backend");
        director.hosting.put(node.id(), TestDirector.HostingAnswer.release(4, 3, Map.of("GREETING", GREETING, "bad-name", "x",
                        "MULTI", "line one\nline two"), "/health")
                .members("members-1", List.of(member(node, node.backend())), List.of(member(node, node.web())))
                .sessions(member(node, node.sessions())));

        TestDirector.ReceivedHeartbeat ready = awaitHeartbeat(node, "release 4 healthy with members-1",
                beat -> Boolean.TRUE.equals(beat.healthy()) && "members-1".equals(beat.membersHash()));
        assertEquals("RUNNING", ready.state());
        assertEquals("release 4 (code version 3): proxy, web, backend serving", ready.detail());
        assertEquals(4L, ready.release());
        assertEquals("GET /health answered 200", ready.healthDetail());
        assertEquals(node.proxy(), ready.httpPort());
        assertEquals(Map.of("proxy", node.proxy(), "web", node.web(), "backend", node.backend(), "sessions", node.sessions()),
                ready.ports().entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> ((java.math.BigDecimal) e.getValue()).intValueExact())));

        HttpResponse<String> page = get(node.proxy(), "/", null);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("greeting=" + GREETING + "\n"), page.body());
        assertTrue(page.body().contains("server=" + GREETING + "\n"), page.body());
        assertTrue(page.body().contains("count=1\n") && page.body().contains("host="), page.body());
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        assertTrue(get(node.proxy(), "/", cookie).body().contains("count=2\n"));
        HttpResponse<String> css = get(node.proxy(), "/css/site.css", null);
        assertEquals("h1 { color: red }", css.body());
        assertEquals(404, get(node.web(), "/index.php", null).statusCode(), "the web role never serves PHP sources");

        TestDirector.ReceivedHeartbeat measured = awaitHeartbeat(node, "response times", beat -> beat.body().get("responseP95Ms") != null);
        assertTrue(((java.math.BigDecimal) measured.body().get("requestRate")).doubleValue() > 0, measured.body().toString());

        String serviceLog = Files.readString(node.workDir().resolve("service.log"));
        assertTrue(serviceLog.contains("environment variable \"bad-name\" ignored"), serviceLog);
        assertTrue(serviceLog.contains("environment variable MULTI ignored"), serviceLog);
        assertTrue(serviceLog.contains("agent: release 4: backend healthy"), serviceLog);
        for (String secretPart : List.of("hello", "line one")) {
            assertFalse(serviceLog.contains(secretPart), "no environment value in service.log");
            assertFalse(node.agent().stderr().contains(secretPart), "no environment value in the agent's log");
        }

        List<ProcessHandle> runtimes = node.agent().process.descendants().toList();
        assertTrue(runtimes.size() >= 4, "nginx, php-fpm, memcached and their workers: " + runtimes.size());
        if (root()) {
            for (ProcessHandle process : runtimes) {
                assertEquals(Optional.of("nobody"), process.info().user(), () -> "runs as the service user: "
                        + process.info().commandLine().orElse(""));
            }
        }
        director.desired = "STOP";
        assertEquals(0, node.agent().awaitExit(EXIT), node.agent()::stderr);
        for (ProcessHandle process : runtimes) {
            assertFalse(process.isAlive(), () -> "left behind: " + process.info().commandLine().orElse(Long.toString(process.pid())));
        }
        assertEquals("STOPPING", director.lastHeartbeat().state());
    }

    @Test
    void twoPhpBackendsShareTheirSessionsThroughTheProxysMemcached() throws Exception {
        assumeRuntimes(ServiceType.PHP);
        director.codeByVersion.put(1L, Archives.zip(Map.of("index.php", INDEX_PHP)));
        Node proxy = start("proxy-1", ServiceType.PHP, "proxy");
        Node first = start("backend-1", ServiceType.PHP, "backend");
        Node second = start("backend-2", ServiceType.PHP, "backend");
        TestDirector.HostingAnswer answer = TestDirector.HostingAnswer.release(1, 1, Map.of("GREETING", "hi"), "/")
                .members("two-backends", List.of(member(first, first.backend()), member(second, second.backend())), List.of())
                .sessions(member(proxy, proxy.sessions()));
        for (Node node : List.of(proxy, first, second)) {
            director.hosting.put(node.id(), answer);
        }
        awaitHeartbeat(first, "backend-1 healthy", beat -> Boolean.TRUE.equals(beat.healthy()));
        awaitHeartbeat(second, "backend-2 healthy", beat -> Boolean.TRUE.equals(beat.healthy()));
        TestDirector.ReceivedHeartbeat balanced = awaitHeartbeat(proxy, "members applied", beat -> "two-backends".equals(beat.membersHash()));
        assertEquals(null, balanced.release(), "a proxy runs no release");
        assertEquals(Map.of("proxy", new java.math.BigDecimal(proxy.proxy()), "sessions", new java.math.BigDecimal(proxy.sessions())),
                balanced.ports());

        HttpResponse<String> page = get(proxy.proxy(), "/", null);
        assertTrue(page.body().contains("count=1\n"), page.body());
        String firstBackend = page.body().lines().filter(line -> line.startsWith("backend=")).findFirst().orElseThrow();
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        int count = 1;
        String otherBackend = null;
        for (int i = 0; i < 6 && otherBackend == null; i++) {
            String body = get(proxy.proxy(), "/", cookie).body();
            count++;
            assertTrue(body.contains("count=" + count + "\n"), body);
            String backend = body.lines().filter(line -> line.startsWith("backend=")).findFirst().orElseThrow();
            if (!backend.equals(firstBackend)) {
                otherBackend = backend;
            }
        }
        assertNotNull(otherBackend, "the proxy balanced over both backends");
        assertNotEquals(firstBackend, otherBackend);
    }

    @Test
    void aReleaseWhoseHealthCheckFailsIsUnhealthyAndTheRollbackIsHealthyAgain() throws Exception {
        assumeRuntimes(ServiceType.PHP);
        director.codeByVersion.put(1L, Archives.zip(Map.of("index.php", INDEX_PHP)));
        director.codeByVersion.put(2L, Archives.zip(Map.of("index.php",
                "<?php if ($_SERVER['REQUEST_URI'] === '/health') { http_response_code(500); echo 'sick'; exit; } echo 'two';")));
        Node node = start("php-2", ServiceType.PHP, "backend");
        director.hosting.put(node.id(), TestDirector.HostingAnswer.release(1, 1, Map.of(), "/health"));
        awaitHeartbeat(node, "release 1 healthy", beat -> Long.valueOf(1).equals(beat.release()) && Boolean.TRUE.equals(beat.healthy()));

        director.hosting.put(node.id(), TestDirector.HostingAnswer.release(2, 2, Map.of(), "/health"));
        TestDirector.ReceivedHeartbeat sick = awaitHeartbeat(node, "release 2 unhealthy",
                beat -> Long.valueOf(2).equals(beat.release()) && Boolean.FALSE.equals(beat.healthy()));
        assertEquals("GET /health answered 500", sick.healthDetail());
        assertEquals("two", get(node.backend(), "/", null).body());

        director.hosting.put(node.id(), TestDirector.HostingAnswer.release(3, 1, Map.of(), "/health"));
        TestDirector.ReceivedHeartbeat back = awaitHeartbeat(node, "release 3 (code version 1 again) healthy",
                beat -> Long.valueOf(3).equals(beat.release()) && Boolean.TRUE.equals(beat.healthy()));
        assertEquals("release 3 (code version 1): backend serving", back.detail());
        assertEquals(1, director.versionDownloads.get(1L).get(), "the previous code version was kept for the rollback");
        assertTrue(get(node.backend(), "/", null).body().contains("count=1"));
    }

    @Test
    void aJavaNodeRunsTheUploadedWarInTomcatWithTheReleasesEnvironment() throws Exception {
        assumeRuntimes(ServiceType.JAVA);
        director.codeByVersion.put(1L, Wars.greetingWar(directory.resolve("war")));
        Node node = start("java-1", ServiceType.JAVA, "proxy,web,backend");
        director.hosting.put(node.id(), TestDirector.HostingAnswer.release(1, 1, Map.of("GREETING", GREETING), "/greeting")
                .members("m1", List.of(member(node, node.backend())), List.of(member(node, node.web()))));

        TestDirector.ReceivedHeartbeat ready = awaitHeartbeat(node, "Tomcat healthy",
                beat -> Boolean.TRUE.equals(beat.healthy()) && "m1".equals(beat.membersHash()));
        assertEquals("release 1 (code version 1): proxy, web, backend serving", ready.detail());
        HttpResponse<String> page = get(node.proxy(), "/greeting", null);
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("greeting=" + GREETING + "\n", page.body());
        assertEquals("static", get(node.proxy(), "/static.txt", null).body().strip());
        assertEquals(404, get(node.web(), "/WEB-INF/web.xml", null).statusCode());

        List<ProcessHandle> runtimes = node.agent().process.descendants().toList();
        node.agent().process.destroy(); // SIGTERM
        assertEquals(0, node.agent().awaitExit(EXIT), node.agent()::stderr);
        for (ProcessHandle process : runtimes) {
            assertFalse(process.isAlive(), () -> "left behind: " + process.info().commandLine().orElse(Long.toString(process.pid())));
        }
    }
}
