package org.conpaas.agent;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The node image's agent in a container confined as the docker cloud confines it (provisioning-service's
 * {@code NodeContainerSpec}: every capability dropped but NET_ADMIN, SETUID, SETGID and KILL,
 * {@code /dev/net/tun}, no new privileges, a read-only root, anonymous volumes, /run conpaas-node's),
 * on a network of the test's own, against a {@link TestDirector} on that network's gateway address:
 * the service's code runs as conpaas-tenant with no capability and cannot read the agent's key,
 * certificate, settings or work directory, nor touch the WireGuard interface the agent brought up.
 * The image is (re)built from this module's jar first; skipped only when no Docker engine answers.
 */
class ContainerNodeIT {

    /** as deploy/node-image/build names it */
    private static final String IMAGE = System.getenv().getOrDefault("CONPAAS_NODE_IMAGE", "conpaas/node") + ":latest";
    /** a /28 of the test's own, beside the docker cloud's default 10.213.0.0/24 */
    private static final String SUBNET = "10.213.252.0/28";
    private static final String GATEWAY = "10.213.252.1";
    private static final String RUN = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String NETWORK = "conpaas-agent-" + RUN;

    @BeforeAll
    static void engineImageAndNetwork() throws Exception {
        assumeTrue(exitCode("docker", "info") == 0, "no Docker engine answers: the container node test needs one (.ci/run starts dockerd)");
        Process build = new ProcessBuilder(Path.of("..", "deploy", "node-image", "build").toAbsolutePath().normalize().toString())
                .inheritIO().start();
        assertTrue(build.waitFor(10, TimeUnit.MINUTES), "the node image build finished in time");
        assertEquals(0, build.exitValue(), "deploy/node-image/build's exit code");
        docker("network", "create", "--internal", "--subnet", SUBNET, "--gateway", GATEWAY,
                "-o", "com.docker.network.bridge.enable_ip_masquerade=false", "--label", "conpaas-test=" + RUN, NETWORK);
    }

    @AfterAll
    static void removeWhatTheTestMade() throws Exception {
        if (exitCode("docker", "info") != 0) {
            return;
        }
        for (String id : docker("ps", "-aq", "--filter", "label=conpaas-test=" + RUN).lines().toList()) {
            docker("rm", "-fv", id);
        }
        exitCode("docker", "network", "rm", NETWORK);
    }

    @Test
    void theCodeRunsAsTheTenantWithoutCapabilitiesAndCannotReadTheAgentsSecrets(@TempDir Path directory) throws Exception {
        try (TestDirector director = new TestDirector(GATEWAY)) {
            director.code = Archives.tarGz(Map.of("start.sh", """
                    echo "uid=$(id -u) gid=$(id -g) groups=$(id -G) home=$HOME"
                    grep ^CapEff /proc/self/status
                    for f in /var/lib/conpaas/node/node-key.pem /var/lib/conpaas/node/node.pem /var/lib/conpaas/node/node.properties \\
                             /var/lib/conpaas/node/wireguard/private.key /etc/conpaas/node.properties; do
                      if head -c 40 "$f" >/dev/null 2>&1; then echo "READ $f"; head -c 40 "$f"; else echo "refused $f"; fi
                    done
                    ls /var/lib/conpaas/node >/dev/null 2>&1 && echo "LISTED the work directory" || echo "refused listing"
                    touch "$HOME/mine" && echo "home writable"
                    touch ./mine 2>/dev/null && echo "CODE WRITABLE" || echo "code read-only"
                    ip link set wg-conpaas down 2>/dev/null && echo "WIREGUARD TOUCHED" || echo "wireguard refused"
                    kill -TERM "$PPID" 2>/dev/null && echo "SIGNALLED" || echo "signal refused"
                    echo tenant-done
                    exec sleep 300
                    """));
            director.codeVersion = 1L;
            String container = docker("create", "--label", "conpaas-test=" + RUN, "--network", NETWORK,
                    "--cap-drop", "ALL", "--cap-add", "NET_ADMIN", "--cap-add", "SETUID", "--cap-add", "SETGID", "--cap-add", "KILL",
                    "--device", "/dev/net/tun", "--security-opt", "no-new-privileges", "--read-only",
                    "--tmpfs", "/run:rw,nosuid,nodev,size=16m,mode=0755,uid=10001,gid=10001", "--tmpfs", "/tmp:rw,nosuid,nodev,size=64m",
                    "--mount", "type=volume,target=/etc/conpaas", "--mount", "type=volume,target=/var/lib/conpaas",
                    "--init", "--memory", "256m", "--pids-limit", "512", "--sysctl", "net.ipv4.ip_nonlocal_bind=1", IMAGE).strip();
            copyBootstrap(container, directory, director, "");
            docker("start", container);

            await().atMost(Duration.ofSeconds(90)).until(() -> director.lastHeartbeat() != null
                    && director.lastHeartbeat().logTail().contains("tenant-done"));
            String log = director.lastHeartbeat().logTail();
            assertTrue(log.contains("uid=10002 gid=10002 groups=10002 home=/var/lib/conpaas/tenant"), log);
            assertTrue(log.contains("CapEff:\t0000000000000000"), log);
            for (String file : List.of("/var/lib/conpaas/node/node-key.pem", "/var/lib/conpaas/node/node.pem",
                    "/var/lib/conpaas/node/node.properties", "/var/lib/conpaas/node/wireguard/private.key", "/etc/conpaas/node.properties")) {
                assertTrue(log.contains("refused " + file), log);
            }
            assertFalse(log.contains("READ ") || log.contains("PRIVATE KEY") || log.contains("enrollment-token"), log);
            assertTrue(log.contains("refused listing") && log.contains("home writable") && log.contains("code read-only")
                    && log.contains("wireguard refused") && log.contains("signal refused"), log);

            // the agent (conpaas-node) brought its WireGuard interface up with its address and wireguard-go
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertTrue(
                    exitCode("docker", "exec", container, "ip", "-4", "-o", "address", "show", "wg-conpaas") == 0
                    && docker("exec", container, "ip", "-4", "-o", "address", "show", "wg-conpaas").contains("172.16.0.1/17"),
                    () -> agentLog(container)));
            assertEquals("51820", docker("exec", "-u", "10001", container, "wg", "show", "wg-conpaas", "listen-port").strip());
            assertTrue(docker("exec", container, "ps", "-o", "uid=", "-C", "wireguard-go").strip().equals("10001"));

            director.desired = "STOP";
            await().atMost(Duration.ofSeconds(40)).until(() -> docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", container)
                    .strip().equals("exited 0"));
            assertTrue(director.lastHeartbeat().detail().contains("the director asked to stop"), director.lastHeartbeat().detail());
        }
    }

    @Test
    void aPhpNodeRunsNginxPhpFpmAndMemcachedAsTheTenantAndAnswersOnItsProxyPort(@TempDir Path directory) throws Exception {
        try (TestDirector director = new TestDirector(GATEWAY)) {
            director.codeByVersion.put(1L, Archives.zip(Map.of("index.php", WebHostingProtocolTest.INDEX_PHP)));
            // the launcher makes web, backend and memcached answer on the node's VPN address only (as provisioning tells the proxies)
            TestDirector.HostingAnswer.Member local = new TestDirector.HostingAnswer.Member("node-7", "172.16.0.1", 8082);
            director.hosting.put("node-7", TestDirector.HostingAnswer.release(1, 1, Map.of("GREETING", "from the container"), "/")
                    .members("m-1", List.of(local), List.of())
                    .sessions(new TestDirector.HostingAnswer.Member("node-7", "172.16.0.1", 11211)));
            String container = docker("create", "--label", "conpaas-test=" + RUN, "--network", NETWORK,
                    "--cap-drop", "ALL", "--cap-add", "NET_ADMIN", "--cap-add", "SETUID", "--cap-add", "SETGID", "--cap-add", "KILL",
                    "--device", "/dev/net/tun", "--security-opt", "no-new-privileges", "--read-only",
                    "--tmpfs", "/run:rw,nosuid,nodev,size=16m,mode=0755,uid=10001,gid=10001", "--tmpfs", "/tmp:rw,nosuid,nodev,size=64m",
                    "--mount", "type=volume,target=/etc/conpaas", "--mount", "type=volume,target=/var/lib/conpaas",
                    "--init", "--memory", "256m", "--pids-limit", "512", "--sysctl", "net.ipv4.ip_nonlocal_bind=1", IMAGE).strip();
            copyBootstrap(container, directory, director, "type=php\n");
            docker("start", container);

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertTrue(
                    director.lastHeartbeat() != null && Boolean.TRUE.equals(director.lastHeartbeat().healthy())
                            && "m-1".equals(director.lastHeartbeat().membersHash()),
                    () -> "last heartbeat: " + (director.lastHeartbeat() == null ? "none" : director.lastHeartbeat().body())
                            + "\nagent log:\n" + agentLog(container)));
            TestDirector.ReceivedHeartbeat ready = director.lastHeartbeat();
            assertEquals(8080, ready.httpPort());
            assertEquals("release 1 (code version 1): proxy, web, backend serving", ready.detail());
            String address = docker("inspect", "-f", "{{ (index .NetworkSettings.Networks \"" + NETWORK + "\").IPAddress }}", container).strip();
            java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + address + ":8080/")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.body().contains("greeting=from the container\n") && page.body().contains("count=1\n"), page.body());
            // the backend, web role and memcached answer on the VPN address only: not on the container's bridge address
            for (int port : List.of(8081, 8082, 11211)) {
                assertThrows(java.io.IOException.class, () -> new java.net.Socket(address, port).close(), "port " + port + " on " + address);
            }
            for (String runtime : List.of("nginx", "php-fpm8.2", "memcached")) {
                String users = docker("exec", container, "ps", "-o", "uid=", "-C", runtime).strip();
                assertFalse(users.isEmpty(), runtime + " runs");
                assertTrue(users.lines().allMatch(uid -> uid.strip().equals("10002")), runtime + " runs as the tenant: " + users);
            }

            director.desired = "STOP";
            await().atMost(Duration.ofSeconds(40)).until(() -> docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", container)
                    .strip().equals("exited 0"));
        }
    }

    /** The bootstrap as the docker cloud copies it in: /etc/conpaas/node.properties, conpaas-node's, 0600. */
    private static void copyBootstrap(String container, Path directory, TestDirector director, String extra) throws Exception {
        String settings = "director-url=" + director.url() + "\nenrollment-token=" + TestDirector.TOKEN
                + "\nnode-id=node-7\nservice-id=svc-3\napplication-id=app-1\nrole=agent\nvpn-address=172.16.0.1\n"
                + "ca-certificate=" + Base64.getEncoder().encodeToString(director.ca.pem().getBytes(StandardCharsets.US_ASCII))
                + "\nheartbeat-interval=0.5\n" + extra;
        Files.writeString(directory.resolve("node.properties"), settings);
        Path tar = directory.resolve("bootstrap.tar");
        run(List.of("tar", "--owner=10001", "--group=10001", "--mode=0600", "-C", directory.toString(), "-cf", tar.toString(),
                "node.properties"));
        Process copy = new ProcessBuilder("docker", "cp", "-", container + ":/etc/conpaas").redirectInput(tar.toFile())
                .redirectErrorStream(true).start();
        String output = new String(copy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(copy.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, copy.exitValue(), output);
    }

    private static String agentLog(String container) {
        try {
            return docker("logs", container);
        } catch (IOException | InterruptedException | AssertionError e) {
            return "no log: " + e;
        }
    }

    private static String docker(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        return run(command);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), command + " finished");
        assertEquals(0, process.exitValue(), command + ": " + output);
        return output;
    }

    private static int exitCode(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
