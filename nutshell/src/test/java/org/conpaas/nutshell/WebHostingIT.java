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

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Web hosting end to end on the nutshell's local cloud (issue 18): a PHP application uploaded as a
 * zip starts on one node (proxy, web and backend), grows to three backends; requests through the
 * service's URL reach all three and a PHP session keeps counting across them (memcached on the
 * proxy node); an environment variable reaches the code. A new version rolls over the backends
 * under a steady load with no failed request, and afterwards every answer comes from it (so does a
 * rollback enabled by version number); a version
 * whose health path answers 500 is stopped at its first backend while the old one keeps serving.
 * A Java WAR built here runs on Tomcat behind its proxy. Deleting the application leaves no
 * runtime process. Needs nginx, PHP-FPM, memcached and Tomcat 10 on this machine (.ci/run installs them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebHostingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ANSWER = Pattern.compile("version=(\\w+) backend=(\\d+) greeting=(\\S*) count=(\\d+)");

    private static RunningNutshell nutshell;
    private static String token;
    private static String appId;
    private static String php;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx")) && Files.isExecutable(Path.of("/usr/bin/memcached"))
                && Files.isRegularFile(Path.of("/usr/share/tomcat10/bin/bootstrap.jar")), "nginx, memcached and Tomcat 10 are installed");
        // the proxies' load is reported every 3 s (not 10): autoscaling decides within seconds
        nutshell = RunningNutshell.named("web").set("conpaas.web.load-report-interval", "3s").start();
        token = nutshell.login("admin", nutshell.adminPassword());
        appId = nutshell.expect(201, "POST", "/api/apps", token, "{\"name\":\"hosting\"}").get("id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (nutshell != null) {
            nutshell.close();
        }
    }

    @Test
    @Order(1)
    void theCatalogueOffersPhpAndJavaOnTheLocalCloud() throws Exception {
        JsonNode catalog = nutshell.expect(200, "GET", "/api/catalog", token, null);
        for (JsonNode entry : catalog) {
            if (List.of("php", "java").contains(entry.path("type").asText())) {
                assertThat(entry.path("runsOn").toString()).contains("local");
            }
        }
    }

    @Test
    @Order(2)
    void aPhpApplicationGrowsToThreeBackendsThatShareSessions() throws Exception {
        php = nutshell.expect(201, "POST", services(), token, "{\"type\":\"php\",\"name\":\"site\"}").get("id").asText();
        assertThat(nutshell.upload(services() + "/" + php + "/code", token, phpApp("one", false)).statusCode()).isEqualTo(201);
        nutshell.expect(202, "PATCH", services() + "/" + php + "/environment", token, "{\"set\":{\"GREETING\":\"hello\"}}");
        nutshell.expect(202, "POST", services() + "/" + php + "/start", token, "{\"nodes\":1}");
        awaitState("RUNNING", Duration.ofMinutes(3));
        url = await().atMost(Duration.ofSeconds(60)).until(() -> service().path("url").asText(null), u -> u != null);
        JsonNode first = service();
        assertThat(first.path("nodes").get(0).path("webRoles").toString()).contains("proxy", "web", "backend");

        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
        Matcher answer = await().atMost(Duration.ofSeconds(60)).until(() -> page(client, ""), m -> m != null);
        assertThat(answer.group(1)).isEqualTo("one");
        assertThat(answer.group(3)).isEqualTo("hello");

        nutshell.expect(202, "POST", services() + "/" + php + "/nodes", token, "{\"count\":2,\"role\":\"backend\"}");
        awaitState("RUNNING", Duration.ofMinutes(3));
        assertThat(service().path("nodes")).filteredOn(n -> n.path("state").asText().equals("RUNNING")).hasSize(3);

        // the proxy learns the new backends within seconds; one client's session counts on across all three
        Set<String> backends = new HashSet<>();
        int last = Integer.parseInt(answer.group(4));
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (backends.size() < 3 && System.nanoTime() < until) {
            Matcher m = page(client, "");
            assertThat(m).as("an answer through %s", url).isNotNull();
            backends.add(m.group(2));
            int count = Integer.parseInt(m.group(4));
            assertThat(count).as("the session counter keeps counting across backends").isEqualTo(last + 1);
            last = count;
        }
        assertThat(backends).as("requests reach all three backends").hasSize(3);
    }

    @Test
    @Order(3)
    void aNewVersionAndARollbackRollOverTheBackendsWithoutAFailedRequest() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        underSteadyLoad(client, () -> assertThat(nutshell.upload(services() + "/" + php + "/code", token, phpApp("two", false)).statusCode())
                .isEqualTo(201));
        for (int i = 0; i < 12; i++) {
            assertThat(page(client, "").group(1)).as("every answer after the rollout").isEqualTo("two");
        }
        // enable the older version: a rollback, rolled the same way
        underSteadyLoad(client, () -> nutshell.expect(202, "POST", services() + "/" + php + "/code/versions/1/enable", token, null));
        for (int i = 0; i < 12; i++) {
            assertThat(page(client, "").group(1)).as("every answer after the rollback").isEqualTo("one");
        }
        nutshell.expect(202, "POST", services() + "/" + php + "/code/versions/2/enable", token, null);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode r = service().path("release");
            return r.path("codeVersion").asInt() == 2 && "ROLLED_OUT".equals(r.path("state").asText());
        });
    }

    interface Change {
        void make() throws Exception;
    }

    /** Makes {@code change} (a new release) while requests come steadily, until it rolled out: no request may fail. */
    private static void underSteadyLoad(HttpClient client, Change change) throws Exception {
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread load = new Thread(() -> {
            while (loading.get()) {
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && ANSWER.matcher(r.body()).find()) {
                        ok.incrementAndGet();
                    } else {
                        failures.add(r.statusCode() + " " + r.body().strip());
                    }
                    Thread.sleep(20);
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
        load.start();
        try {
            int release = service().path("release").path("number").asInt();
            change.make();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                JsonNode r = service().path("release");
                return r.path("number").asInt() > release && "ROLLED_OUT".equals(r.path("state").asText());
            });
        } finally {
            loading.set(false);
            load.join(15_000);
        }
        assertThat(failures).as("failed requests during the rollout (%d answered)", ok.get()).isEmpty();
        assertThat(ok.get()).isGreaterThan(20);
    }

    @Test
    @Order(4)
    void aVersionWhoseHealthCheckFailsStopsAtItsFirstBackendAndTheOldOneKeepsServing() throws Exception {
        nutshell.expect(202, "PUT", services() + "/" + php + "/health-check", token, "{\"path\":\"/health\"}");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "ROLLED_OUT".equals(service().path("release").path("state").asText()));
        assertThat(nutshell.upload(services() + "/" + php + "/code", token, phpApp("three", true)).statusCode()).isEqualTo(201);
        JsonNode stopped = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(WebHostingIT::service, s -> "STOPPED".equals(s.path("release").path("state").asText()));
        assertThat(stopped.path("release").path("detail").asText()).contains("500");
        assertThat(stopped.path("release").path("codeVersion").asInt()).isEqualTo(2);
        HttpClient client = HttpClient.newHttpClient();
        // the stopped backend goes back to version two: after a few seconds every answer is two again
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (int i = 0; i < 9; i++) {
                Matcher m = page(client, "");
                if (m == null || !m.group(1).equals("two")) {
                    return false;
                }
            }
            return true;
        });
        assertThat(stopped.path("history").toString()).contains("stopped at node");
    }

    @Test
    @Order(5)
    void autoscalingAddsABackendUnderSlowAnswersAndRemovesItWhenTheLoadIsGone() throws Exception {
        int before = backends();
        nutshell.expect(200, "PUT", services() + "/" + php + "/autoscaling", token,
                "{\"targetResponseMs\":100,\"min\":" + before + ",\"max\":" + (before + 1) + "}");
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Thread> load = new java.util.ArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            Thread t = new Thread(() -> {
                while (loading.get()) {
                    try {
                        client.send(HttpRequest.newBuilder(URI.create(url + "slow.php")).timeout(Duration.ofSeconds(10)).build(),
                                HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        // counted by nobody: the proxy's p95 is what matters here
                    }
                }
            });
            t.start();
            load.add(t);
        }
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> backends() == before + 1);
        } finally {
            loading.set(false);
            for (Thread t : load) {
                t.join(15_000);
            }
        }
        assertThat(service().path("history").toString()).containsPattern("autoscaling: p95 \\d+ ms above the 100 ms target");
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).until(() -> backends() == before);
        assertThat(service().path("history").toString()).contains("well below the 100 ms target");
        nutshell.expect(200, "DELETE", services() + "/" + php + "/autoscaling", token, null);
        assertThat(service().path("autoscaling").path("on").asBoolean()).isFalse();
    }

    private static int backends() throws IOException, InterruptedException {
        int n = 0;
        for (JsonNode node : service().path("nodes")) {
            if (node.path("webRoles").toString().contains("backend") && List.of("RUNNING", "PLANNED", "REQUESTED").contains(node.path("state").asText())) {
                n++;
            }
        }
        return n;
    }

    @Test
    @Order(6)
    void aJavaWarRunsOnTomcatBehindItsProxy() throws Exception {
        String java = nutshell.expect(201, "POST", services(), token, "{\"type\":\"java\",\"name\":\"shop\"}").get("id").asText();
        assertThat(nutshell.upload(services() + "/" + java + "/code", token, war()).statusCode()).isEqualTo(201);
        nutshell.expect(202, "PATCH", services() + "/" + java + "/environment", token,
                "{\"set\":{\"GREETING\":\"from-java\",\"API_KEY\":\"s3cret-value\"},\"secret\":[\"API_KEY\"]}");
        nutshell.expect(202, "POST", services() + "/" + java + "/start", token, "{\"nodes\":1}");
        String javaUrl = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> nutshell.expect(200, "GET", services() + "/" + java, token, null).path("url").asText(null), u -> u != null);
        String body = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            try {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(javaUrl + "hello"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 ? r.body() : null;
            } catch (IOException e) {
                return null;
            }
        }, b -> b != null);
        assertThat(body).contains("servlet greeting=from-java key-length=12");
        // a secret is never shown back
        String listed = nutshell.call("GET", services() + "/" + java + "/environment", token, null).body();
        assertThat(listed).contains("GREETING").contains("from-java").contains("API_KEY").doesNotContain("s3cret-value");
    }

    @Test
    @Order(7)
    void deletingTheApplicationLeavesNoRuntimeProcess() throws Exception {
        List<ProcessHandle> runtimes = nutshell.liveNodePids().stream().flatMap(pid -> ProcessHandle.of(pid).stream())
                .flatMap(ProcessHandle::descendants).toList();
        String commands = runtimes.stream().map(p -> p.info().command().orElse("?")).toList().toString();
        assertThat(commands).contains("nginx", "php-fpm", "memcached", "java");
        assertThat(nutshell.call("DELETE", "/api/apps/" + appId, token, null).statusCode()).isIn(202, 204);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> nutshell.call("GET", "/api/apps/" + appId, token, null).statusCode() == 404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(runtimes.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().commandLine().orElse("?")))
                        .as("runtime processes of the deleted application's nodes").isEmpty());
    }

    private static String services() {
        return "/api/apps/" + appId + "/services";
    }

    private static JsonNode service() throws IOException, InterruptedException {
        return nutshell.expect(200, "GET", services() + "/" + php, token, null);
    }

    private static void awaitState(String state, Duration within) {
        await().atMost(within).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode s = service();
            if ("ERROR".equals(s.path("state").asText())) {
                throw new AssertionError("service failed: " + s.path("history"));
            }
            return state.equals(s.path("state").asText());
        });
    }

    /** The page's fields, or null when it did not answer as the application does. */
    private static Matcher page(HttpClient client, String path) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = ANSWER.matcher(r.body());
            return r.statusCode() == 200 && m.find() ? m : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A PHP page naming its version, the backend that served it, an environment variable and a session counter. */
    private static byte[] phpApp(String version, boolean unhealthy) throws IOException {
        String index = "<?php\n"
                + (unhealthy ? "if (strpos($_SERVER['REQUEST_URI'], '/health') === 0) { http_response_code(500); echo \"sick\\n\"; exit; }\n" : "")
                + "session_start();\n"
                + "$_SESSION['n'] = ($_SESSION['n'] ?? 0) + 1;\n"
                + "echo 'version=" + version + " backend=' . $_SERVER['SERVER_PORT'] . ' greeting=' . getenv('GREETING') . ' count=' . $_SESSION['n'] . ' host=' . gethostname() . \"\\n\";\n";
        return zip(Map.of("index.php", index, "style.css", "body { color: #123; }\n",
                "slow.php", "<?php usleep(250000); echo \"slow\\n\";\n"));
    }

    /** A WAR (a zip) with one servlet compiled here against Tomcat's servlet API. */
    private static byte[] war() throws IOException {
        Path dir = Files.createTempDirectory("war");
        Path source = dir.resolve("Hello.java");
        Files.writeString(source, """
                import jakarta.servlet.annotation.WebServlet;
                import jakarta.servlet.http.HttpServlet;
                import jakarta.servlet.http.HttpServletRequest;
                import jakarta.servlet.http.HttpServletResponse;
                import java.io.IOException;

                @WebServlet("/hello")
                public class Hello extends HttpServlet {
                    @Override
                    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                        response.setContentType("text/plain");
                        String key = System.getenv("API_KEY");
                        response.getWriter().println("servlet greeting=" + System.getenv("GREETING") + " key-length="
                                + (key == null ? 0 : key.length()));
                    }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-d", dir.toString(), "-cp", "/usr/share/tomcat10/lib/servlet-api.jar", source.toString());
        assertThat(compiled).isZero();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("WEB-INF/classes/Hello.class", Files.readAllBytes(dir.resolve("Hello.class")));
        entries.put("index.html", "<p>shop</p>\n".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
