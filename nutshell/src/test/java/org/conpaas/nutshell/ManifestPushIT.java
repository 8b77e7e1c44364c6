package org.conpaas.nutshell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.conpaas.nutshell.testkit.CpsRun;
import org.conpaas.nutshell.testkit.RunningNutshell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code cps push} end to end on the nutshell's local cloud (issue 20): a manifest with a mysql
 * service, a php service bound to it and a generic worker brings all three up from nothing, the
 * php code storing rows through the variables the binding gave it; pushing it again stores no
 * event; a changed node count scales; {@code cps app export -d} gives a manifest and code that push
 * to an identical second application. Needs PHP-FPM with pdo_mysql, MariaDB and Galera (.ci/run
 * installs them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManifestPushIT {

    private static final String MANIFEST = """
            application: shop
            services:
              - name: db
                type: mysql
                nodes: 1
              - name: site
                type: php
                code: site
                nodes: 1
                environment: {GREETING: hello}
                health: /health.php
                bind: [db]
              - name: worker
                type: generic
                code: worker
                nodes: 1
                environment: {QUEUE: jobs}
            """;

    private static RunningNutshell nutshell;
    private static Path conf;
    private static Path project;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/mariadbd")) && MysqlIT.hasPdoMysql(), "MariaDB, PHP-FPM and pdo_mysql are installed");
        nutshell = RunningNutshell.named("push").start();
        token = nutshell.login("admin", nutshell.adminPassword());
        conf = nutshell.dataDir().resolve("cps-push.conf");
        CpsRun login = cps("login", "--url", nutshell.base(), "--user", "admin", "--password-stdin");
        assertThat(login.exit()).as(login.err()).isZero();
        project = Files.createTempDirectory("conpaas-project");
        Files.writeString(project.resolve("conpaas.yml"), MANIFEST);
        Files.createDirectories(project.resolve("site"));
        Files.writeString(project.resolve("site/index.php"), """
                <?php
                $db = new PDO('mysql:host=' . getenv('CONPAAS_MYSQL_HOST') . ';port=' . getenv('CONPAAS_MYSQL_PORT')
                    . ';dbname=' . getenv('CONPAAS_MYSQL_DATABASE'), getenv('CONPAAS_MYSQL_USER'), getenv('CONPAAS_MYSQL_PASSWORD'),
                    [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
                $db->exec('CREATE TABLE IF NOT EXISTS hits (id INT AUTO_INCREMENT PRIMARY KEY)');
                $db->exec('INSERT INTO hits () VALUES ()');
                echo getenv('GREETING') . ' hits=' . $db->query('SELECT COUNT(*) FROM hits')->fetchColumn() . "\\n";
                """);
        Files.writeString(project.resolve("site/health.php"), "<?php echo \"ok\\n\";\n");
        Files.createDirectories(project.resolve("worker"));
        Files.writeString(project.resolve("worker/start.sh"), "echo \"worker on queue $QUEUE\"\nexec sleep 3600\n");
    }

    @AfterAll
    static void stop() throws Exception {
        if (nutshell != null) {
            nutshell.close();
        }
    }

    @Test
    @Order(1)
    void aPushBringsTheBoundDatabaseThePhpSiteAndTheWorkerUpFromNothing() throws Exception {
        CpsRun pushed = cps("push", "-f", project.resolve("conpaas.yml").toString());
        assertThat(pushed.exit()).as(pushed.out() + pushed.err()).isZero();
        assertThat(pushed.out()).contains("shop: application created", "db: added (mysql)", "site: bound to db (database site)",
                "site: code version 1 uploaded from site", "worker: code version 1 uploaded from worker", "db: started with 1 node",
                "site: started with 1 node", "worker: started with 1 node");
        assertThat(pushed.out()).containsPattern("site \\(php\\): RUNNING, 1 node\\(s\\), code version 1, http://127\\.0\\.0\\.1:\\d+/");
        String url = service("shop", "site").path("url").asText();
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).as("the php code reached the database with the binding's variables (HTTP %d)", page.statusCode()).isEqualTo("hello hits=1\n");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(cps("service", "logs", "shop", "worker").out()).contains("worker on queue jobs"));
    }

    @Test
    @Order(2)
    void pushingTheSameManifestAgainStoresNoEvent() throws Exception {
        long before = events();
        CpsRun again = cps("push", "-f", project.resolve("conpaas.yml").toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).doesNotContain("added", "uploaded", "started", "environment", "bound");
        assertThat(events()).as("events stored by the second push").isEqualTo(before);
    }

    @Test
    @Order(3)
    void aChangedNodeCountScales() throws Exception {
        Files.writeString(project.resolve("conpaas.yml"), MANIFEST.replace("code: worker\n    nodes: 1", "code: worker\n    nodes: 2"));
        CpsRun scaled = cps("push", "-f", project.resolve("conpaas.yml").toString());
        assertThat(scaled.exit()).as(scaled.err()).isZero();
        assertThat(scaled.out()).contains("worker: 1 node added").contains("worker (generic): RUNNING, 2 node(s)");
    }

    @Test
    @Order(4)
    void anExportPushesToAnIdenticalSecondApplication() throws Exception {
        Path export = Files.createTempDirectory("conpaas-export");
        CpsRun exported = cps("app", "export", "shop", "-d", export.toString());
        assertThat(exported.exit()).as(exported.err()).isZero();
        assertThat(Files.readString(export.resolve("conpaas.yml"))).contains("application: shop", "code: site.zip", "bind:");
        CpsRun copy = cps("push", "-f", export.resolve("conpaas.yml").toString(), "--app", "shop2");
        assertThat(copy.exit()).as(copy.out() + copy.err()).isZero();
        ObjectNode first = (ObjectNode) manifestOf("shop");
        ObjectNode second = (ObjectNode) manifestOf("shop2");
        first.remove("application");
        second.remove("application");
        assertThat(second).as("the copy's manifest").isEqualTo(first);
        assertThat(service("shop2", "site").path("codeSha256").asText()).isEqualTo(service("shop", "site").path("codeSha256").asText());

        CpsRun broken = cps("push", "-f", writeManifest("application: shop\nservices:\n  - name: x\n    type: nope\n    nodes: -2\n"));
        assertThat(broken.exit()).isNotZero();
        assertThat(broken.err()).contains("services[0] (x).nodes: a whole number from 0, not -2");
    }

    private static String writeManifest(String text) throws Exception {
        Path file = Files.createTempFile(project, "broken", ".yml");
        Files.writeString(file, text);
        return file.toString();
    }

    private static JsonNode manifestOf(String app) throws Exception {
        return nutshell.expect(200, "GET", "/api/apps/" + appId(app) + "/manifest", token, null);
    }

    private static String appId(String name) throws Exception {
        for (JsonNode a : nutshell.expect(200, "GET", "/api/apps", token, null)) {
            if (a.path("name").asText().equals(name)) {
                return a.path("id").asText();
            }
        }
        throw new AssertionError("no application " + name);
    }

    private static JsonNode service(String app, String name) throws Exception {
        String id = appId(app);
        for (JsonNode s : nutshell.expect(200, "GET", "/api/apps/" + id + "/services", token, null)) {
            if (s.path("name").asText().equals(name)) {
                return nutshell.expect(200, "GET", "/api/apps/" + id + "/services/" + s.path("id").asText(), token, null);
            }
        }
        throw new AssertionError("no service " + name);
    }

    /** The events app-service stored (its event store), every aggregate's. */
    private static long events() throws Exception {
        try (Connection c = DriverManager.getConnection(nutshell.databaseUrl("app"), RunningNutshell.databaseUser(),
                RunningNutshell.databasePassword()); ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM domain_event_entry")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static CpsRun cps(String... args) throws Exception {
        return CpsRun.of(conf, args.length > 0 && args[0].equals("login") ? nutshell.adminPassword() : null, args);
    }
}
