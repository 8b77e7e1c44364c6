package org.conpaas.agent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent as a real process against {@link TestDirector}, a real HTTPS director with its own
 * CA that requires the node's client certificate for heartbeats and code.
 */
class NodeAgentProtocolTest {

    private static final Duration EXIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;
    private TestDirector director;
    private Path workDir;
    private AgentProcess agent;

    @BeforeEach
    void startDirector() throws Exception {
        director = new TestDirector();
        workDir = directory.resolve("work");
    }

    @AfterEach
    void stopAll() {
        if (agent != null) {
            agent.close();
            System.out.println("agent log:\n" + agent.stderr()); // in target/surefire-reports, for a failure's story
        }
        director.close();
    }

    private AgentProcess start(Map<String, String> settings) throws Exception {
        agent = AgentProcess.start(settings, directory);
        return agent;
    }

    private TestDirector.ReceivedHeartbeat awaitHeartbeat(String why, Predicate<TestDirector.ReceivedHeartbeat> matching) {
        return awaitHeartbeat(why, 0, matching);
    }

    /** The first heartbeat from the {@code skip}th on that matches, failing early when the agent exits. */
    private TestDirector.ReceivedHeartbeat awaitHeartbeat(String why, int skip, Predicate<TestDirector.ReceivedHeartbeat> matching) {
        return await(why).atMost(Duration.ofSeconds(30)).until(() -> {
            Optional<TestDirector.ReceivedHeartbeat> found = director.heartbeats.stream().skip(skip).filter(matching).findFirst();
            assertTrue(found.isPresent() || agent.process.isAlive(), () -> "the agent exited: " + agent.stderr());
            return found;
        }, Optional::isPresent).orElseThrow();
    }

    @Test
    void enrollsOnceTheCaKnowsItsTokenThenHeartbeatsWithItsCertificateAndStopsWhenTold() throws Exception {
        director.unknownTokenAnswers = 2;
        start(AgentProcess.settings(director, workDir, true));

        TestDirector.ReceivedHeartbeat first = awaitHeartbeat("a heartbeat", beat -> true);
        assertEquals(3, director.enrollAttempts.get(), "two 'unknown enrollment token' answers, then the certificate");
        assertEquals(1, director.csrs.size());
        assertEquals("O=ConPaaS,OU=agent,CN=node-7", director.csrs.get(0).getSubject().toString());
        assertEquals("node-7", first.clientCommonName());
        assertEquals("node-7", first.pathNodeId());
        assertEquals("STARTING", first.state());
        assertNull(first.httpPort());
        TestDirector.ReceivedHeartbeat idle = awaitHeartbeat("RUNNING", beat -> beat.state().equals("RUNNING"));
        assertEquals("no code uploaded", idle.detail());
        assertEquals("node-7", idle.clientCommonName());
        assertEquals(0, director.refusedWithoutCertificate.get());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(workDir.resolve("node-key.pem"))));
        assertTrue(Files.readString(workDir.resolve("node.pem")).startsWith("-----BEGIN CERTIFICATE-----"));

        // with a VPN address the node registers its own WireGuard public key (mutual TLS) and writes its config
        Path wg = workDir.resolve("wireguard");
        long until = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (!Files.isRegularFile(wg.resolve("wg-conpaas.conf")) && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        String privateKey = Files.readString(wg.resolve("private.key")).strip();
        String publicKey = Files.readString(wg.resolve("public.key")).strip();
        assertEquals(1, director.wireGuardKeys.size());
        assertTrue(director.wireGuardKeys.get(0).contains("\"publicKey\":\"" + publicKey + "\""), director.wireGuardKeys.get(0));
        assertFalse(director.wireGuardKeys.get(0).contains(privateKey), "the private key never leaves the node");
        String config = Files.readString(wg.resolve("wg-conpaas.conf"));
        assertTrue(config.contains("PrivateKey = " + privateKey + "\n") && config.contains("Address = 172.16.0.1/17"), config);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(wg.resolve("wg-conpaas.conf"))));

        director.desired = "STOP";
        assertEquals(0, agent.awaitExit(EXIT), agent::stderr);
        assertEquals("STOPPING", director.lastHeartbeat().state());
        assertEquals("stopped: the director asked to stop", director.lastHeartbeat().detail());
    }

    @Test
    void keepsHeartbeatingThroughFailingAnswers() throws Exception {
        director.failingHeartbeats = 3;
        start(AgentProcess.settings(director, workDir, true));

        awaitHeartbeat("heartbeats after three 503 answers", 4, beat -> true);
        assertTrue(agent.process.isAlive());
        assertTrue(agent.stderr().contains("heartbeat failed, trying again in PT0.1S: IOException: heartbeat answered 503 the director is restarting"),
                agent.stderr());
        director.desired = "STOP";
        assertEquals(0, agent.awaitExit(EXIT), agent::stderr);
    }

    @Test
    void aUsedTokenEndsTheAgentWithExitCode3() throws Exception {
        director.tokenRefusal = "this enrollment token was used already; ask for a new one";
        start(AgentProcess.settings(director, workDir, true));

        assertEquals(3, agent.awaitExit(EXIT), agent::stderr);
        assertTrue(agent.stderr().contains("enrollment refused (401): this enrollment token was used already; ask for a new one"),
                agent.stderr());
        assertEquals(1, director.enrollAttempts.get());
        assertTrue(director.heartbeats.isEmpty());
    }

    @Test
    void pinsTheCaFetchedOnFirstUseAndARestartedAgentReusesItsCertificate() throws Exception {
        Map<String, String> settings = AgentProcess.settings(director, workDir, false);
        start(settings);
        awaitHeartbeat("a heartbeat", beat -> true);
        assertEquals(director.ca.pem(), Files.readString(workDir.resolve("ca.pem")));

        agent.process.destroy(); // SIGTERM
        assertEquals(0, agent.awaitExit(EXIT), agent::stderr);
        assertEquals("STOPPING", director.lastHeartbeat().state());
        assertEquals("stopped: SIGTERM", director.lastHeartbeat().detail());

        int before = director.heartbeats.size();
        start(settings); // the token is used now: only the stored certificate can get it in
        awaitHeartbeat("a heartbeat after the restart", before, beat -> true);
        assertEquals(1, director.enrollAttempts.get());
        assertTrue(agent.stderr().contains("reusing the node certificate"), agent.stderr());
        director.desired = "STOP";
        assertEquals(0, agent.awaitExit(EXIT), agent::stderr);
    }

    @Test
    void runsTheGenericServicesStartShShowsItsOutputAndRunsStopShOnStop() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("start.sh", """
                echo "hello from $CONPAAS_NODE_ID of $CONPAAS_SERVICE_ID at $CONPAAS_VPN_ADDRESS as $CONPAAS_ROLE"
                echo started > started.txt
                sleep 300 &
                echo $! > child.pid
                wait
                """);
        files.put("stop.sh", "echo stop.sh ran > stopped.txt\necho bye from stop.sh\n");
        director.code = Archives.zip(files);
        director.codeVersion = 1L;
        start(AgentProcess.settings(director, workDir, true));

        Path code = workDir.resolve("code/1");
        await("start.sh wrote its file").atMost(Duration.ofSeconds(30)).until(() -> Files.exists(code.resolve("started.txt")));
        TestDirector.ReceivedHeartbeat running = awaitHeartbeat("start.sh's output in the log tail",
                beat -> beat.logTail().contains("hello from node-7 of svc-3 at 10.8.0.7 as agent"));
        assertEquals("RUNNING", running.state());
        assertTrue(running.detail().startsWith("code version 1: start.sh running"), running.detail());
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(code.resolve("child.pid")));
        long child = Long.parseLong(Files.readString(code.resolve("child.pid")).strip());
        assertEquals(1, director.codeDownloads.get());

        director.desired = "STOP";
        assertEquals(0, agent.awaitExit(EXIT), agent::stderr);
        assertEquals("stop.sh ran\n", Files.readString(code.resolve("stopped.txt")));
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "start.sh's child was ended");
        assertEquals("STOPPING", director.lastHeartbeat().state());
        assertTrue(director.lastHeartbeat().logTail().contains("bye from stop.sh"), director.lastHeartbeat().logTail());
    }

    @Test
    void aGenericServiceRunsWithItsReleasesVariablesAndStartsAgainWhenThoseChange() throws Exception {
        director.code = Archives.zip(Map.of("start.sh", "echo \"queue=$QUEUE node=$CONPAAS_NODE_ID\"\nexec sleep 300\n"));
        director.codeVersion = 1L;
        director.hosting.put("node-7", TestDirector.HostingAnswer.release(1, 1, Map.of("QUEUE", "jobs", "CONPAAS_NODE_ID", "evil"), "/"));
        start(AgentProcess.settings(director, workDir, true));
        awaitHeartbeat("start.sh saw the release's variable, not a platform name overridden",
                beat -> beat.logTail().contains("queue=jobs node=node-7"));

        director.hosting.put("node-7", TestDirector.HostingAnswer.release(2, 1, Map.of("QUEUE", "urgent"), "/"));
        awaitHeartbeat("start.sh started again with the new value", beat -> beat.logTail().contains("queue=urgent node=node-7"));
        assertEquals(1, director.codeDownloads.get(), "the same code version is not fetched again");
        director.desired = "STOP";
        assertEquals(0, agent.awaitExit(EXIT), agent::stderr);
    }

    @Test
    void aServiceThatExitsWithNonZeroIsFailedWithItsExitCode() throws Exception {
        director.code = Archives.tarGz(Map.of("start.sh", "echo something broke\nexit 7\n"));
        director.codeVersion = 1L;
        start(AgentProcess.settings(director, workDir, true));

        TestDirector.ReceivedHeartbeat failed = awaitHeartbeat("FAILED", beat -> beat.state().equals("FAILED"));
        assertEquals("code version 1: start.sh exited with code 7", failed.detail());
        assertTrue(failed.logTail().contains("something broke"), failed.logTail());
    }

    @Test
    void aWebServiceServesItsUploadedFilesAndANewVersionOnTheSamePort() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("index.html", "<h1>version one</h1>");
        files.put("css/site.css", "h1 { color: red }");
        director.code = Archives.tarGz(files);
        director.codeVersion = 1L;
        Map<String, String> settings = AgentProcess.settings(director, workDir, true);
        settings.put("type", "web");
        start(settings);

        TestDirector.ReceivedHeartbeat serving = awaitHeartbeat("an HTTP port", beat -> beat.httpPort() != null);
        assertEquals("RUNNING", serving.state());
        int port = serving.httpPort();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> index = get(http, port, "/");
        assertEquals(200, index.statusCode());
        assertEquals("<h1>version one</h1>", index.body());
        assertEquals("text/html; charset=utf-8", index.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("text/css; charset=utf-8", get(http, port, "/css/site.css").headers().firstValue("Content-Type").orElseThrow());
        assertEquals(404, get(http, port, "/missing.html").statusCode());
        assertEquals(404, get(http, port, "/../../node-key.pem").statusCode());
        assertEquals(404, get(http, port, "/%2e%2e/%2e%2e/node-key.pem").statusCode());
        assertEquals(405, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode());

        director.code = Archives.zip(Map.of("index.html", "<h1>version two</h1>"));
        director.codeVersion = 2L;
        await("version two served").atMost(Duration.ofSeconds(30)).until(() -> get(http, port, "/").body().equals("<h1>version two</h1>"));

        agent.process.destroy(); // SIGTERM
        assertEquals(0, agent.awaitExit(EXIT), agent::stderr);
        assertEquals("STOPPING", director.lastHeartbeat().state());
        assertNull(director.lastHeartbeat().httpPort());
    }

    @Test
    void anArchiveWhoseChecksumDoesNotMatchIsRefusedAndNotUnpacked() throws Exception {
        director.code = Archives.zip(Map.of("start.sh", "echo started > started.txt\n"));
        director.checksumOverride = "sha256=" + "0".repeat(64);
        director.codeVersion = 1L;
        start(AgentProcess.settings(director, workDir, true));

        TestDirector.ReceivedHeartbeat refused = awaitHeartbeat("FAILED", beat -> beat.state().equals("FAILED"));
        assertTrue(refused.detail().startsWith("code version 1 refused: checksum mismatch: the director announced sha256=000"),
                refused.detail());
        assertFalse(Files.exists(workDir.resolve("code/1")));
        assertEquals(1, director.codeDownloads.get(), "a refused version is not fetched again");

        director.checksumOverride = null;
        director.codeVersion = 2L;
        awaitHeartbeat("the next version running", beat -> beat.detail().startsWith("code version 2"));
        assertTrue(Files.exists(workDir.resolve("code/2/started.txt")) || awaitFile(workDir.resolve("code/2/started.txt")));
    }

    @Test
    void aZipSlipArchiveIsRefused() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("start.sh", "echo started > started.txt\n");
        files.put("../../escaped.txt", "pwned");
        director.code = Archives.zip(files);
        director.codeVersion = 1L;
        start(AgentProcess.settings(director, workDir, true));

        TestDirector.ReceivedHeartbeat refused = awaitHeartbeat("FAILED", beat -> beat.state().equals("FAILED"));
        assertEquals("code version 1 refused: archive entry '../../escaped.txt' escapes the code directory", refused.detail());
        assertFalse(Files.exists(workDir.resolve("escaped.txt")));
        assertFalse(Files.exists(workDir.resolve("code/escaped.txt")));
        assertFalse(Files.exists(workDir.resolve("code/1")));
    }

    @Test
    void aZipBombIsRefusedAtTheNodesLimitOnceAndReportedWithItsVersion() throws Exception {
        director.code = Archives.zipBomb("zeros.bin", 8L << 20);
        director.codeVersion = 1L;
        Map<String, String> settings = AgentProcess.settings(director, workDir, true);
        settings.put("code-max-unpacked-size", "1MB");
        start(settings);

        TestDirector.ReceivedHeartbeat refused = awaitHeartbeat("FAILED", beat -> beat.state().equals("FAILED"));
        String reason = "the code archive unpacks to more than 1 MiB, this node's limit (passed at entry 'zeros.bin')";
        assertEquals("code version 1 refused: " + reason, refused.detail());
        assertEquals(new java.math.BigDecimal(1), refused.body().get("refusedCodeVersion"));
        assertEquals(reason, refused.body().get("codeRefusal"));
        int seen = director.heartbeats.size();
        awaitHeartbeat("more heartbeats", seen + 5, beat -> true);
        assertEquals(1, director.codeDownloads.get(), "a refused version is not fetched again");
        try (var left = Files.list(workDir.resolve("code"))) {
            assertEquals(List.of(), left.toList(), "nothing of the refused version is left");
        }

        agent.process.destroy();
        assertEquals(0, agent.awaitExit(EXIT), agent::stderr);
        int beforeRestart = director.heartbeats.size();
        start(settings);
        TestDirector.ReceivedHeartbeat again = awaitHeartbeat("FAILED after the restart", beforeRestart,
                beat -> beat.state().equals("FAILED"));
        assertEquals(reason, again.body().get("codeRefusal"));
        awaitHeartbeat("more heartbeats after the restart", director.heartbeats.size() + 3, beat -> true);
        assertEquals(1, director.codeDownloads.get(), "a restarted agent remembers the refusal");
    }

    private static boolean awaitFile(Path file) {
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file));
        return true;
    }

    private static HttpResponse<String> get(HttpClient http, int port, String rawPath) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rawPath)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
