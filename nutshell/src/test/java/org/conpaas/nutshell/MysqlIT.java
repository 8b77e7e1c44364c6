package org.conpaas.nutshell;

import com.fasterxml.jackson.databind.JsonNode;
import org.conpaas.nutshell.testkit.CpsRun;
import org.conpaas.nutshell.testkit.RunningNutshell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The mysql service end to end on the nutshell's local cloud (issue 19): a MariaDB Galera cluster
 * whose admin password the user sets through the API; rows written through one node are read
 * through every other, a node added later receives the whole database, any node takes writes, and
 * a server killed with SIGKILL in the middle of inserts loses no committed row and rejoins, the
 * cluster back to three. Deleting the application leaves no server running. Needs MariaDB, Galera
 * and rsync on this machine (.ci/run installs them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MysqlIT {

    private static final String PASSWORD = "It's a s3cret \\ with quotes\"";
    /** The admin password now (cps changes it). */
    private static String password = PASSWORD;

    private static RunningNutshell nutshell;
    private static String token;
    private static String appId;
    private static String db;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/mariadbd")) && Files.isRegularFile(Path.of("/usr/lib/galera/libgalera_smm.so")),
                "MariaDB and Galera are installed");
        // a backup every 15 s (the default is a day), kept 3
        nutshell = RunningNutshell.named("mysql").set("conpaas.database.backup-interval", "15s").set("conpaas.database.backup-check", "2s")
                .set("conpaas.database.backup-keep", "3").start();
        token = nutshell.login("admin", nutshell.adminPassword());
        appId = nutshell.expect(201, "POST", "/api/apps", token, "{\"name\":\"data\"}").get("id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (nutshell != null) {
            nutshell.close();
        }
    }

    @Test
    @Order(1)
    void theCatalogueOffersMysqlAndNothingItCannotRun() throws Exception {
        List<String> types = new ArrayList<>();
        for (JsonNode entry : nutshell.expect(200, "GET", "/api/catalog", token, null)) {
            types.add(entry.path("type").asText());
            if (entry.path("type").asText().equals("mysql")) {
                assertThat(entry.path("runsOn").toString()).contains("local");
            }
        }
        assertThat(types).contains("mysql").doesNotContain("scalaris", "xtreemfs", "mapreduce", "taskfarm");
    }

    @Test
    @Order(2)
    void aNewClusterTakesTheAdminPasswordAndRows() throws Exception {
        db = nutshell.expect(201, "POST", services(), token, "{\"type\":\"mysql\",\"name\":\"db\"}").get("id").asText();
        nutshell.expect(202, "POST", services() + "/" + db + "/start", token, "{\"nodes\":1}");
        awaitState("RUNNING", Duration.ofMinutes(3));

        JsonNode tooShort = nutshell.expect(400, "PUT", database() + "/password", token, "{\"password\":\"short\"}");
        assertThat(tooShort.path("detail").asText()).contains("8 to 128 characters");
        nutshell.expect(202, "PUT", database() + "/password", token, "{\"password\":" + RunningNutshell.JSON.writeValueAsString(PASSWORD) + "}");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> nutshell.expect(200, "GET", database(), token, null).path("passwordSet").asBoolean());
        assertThat(nutshell.expect(200, "GET", database(), token, null).toString()).doesNotContain("s3cret");

        try (Connection c = connect(addresses().get(0))) {
            c.createStatement().execute("CREATE DATABASE shop");
            c.createStatement().execute("CREATE TABLE shop.orders (id INT PRIMARY KEY, item VARCHAR(40) NOT NULL)");
            insert(c, 1, 100);
        }
    }

    @Test
    @Order(3)
    void addedNodesReceiveTheDatabaseAndEveryNodeTakesWrites() throws Exception {
        nutshell.expect(202, "POST", services() + "/" + db + "/nodes", token, "{\"count\":2}");
        awaitCluster(3);
        List<String> addresses = addresses();
        for (String address : addresses) {
            try (Connection c = connect(address)) {
                assertThat(ids(c)).as("rows read through %s", address).hasSize(100);
            }
        }
        try (Connection third = connect(addresses.get(2))) {
            insert(third, 101, 110);
        }
        try (Connection first = connect(addresses.get(0))) {
            assertThat(ids(first)).as("a row written through the third node, read through the first").contains(101, 110).hasSize(110);
        }
    }

    @Test
    @Order(4)
    void aServerKilledDuringInsertsLosesNoCommittedRowAndRejoins() throws Exception {
        List<String> addresses = addresses();
        String second = nodeIds().get(1);
        Set<Integer> committed = new ConcurrentSkipListSet<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread inserter = new Thread(() -> {
            int next = 1000;
            while (!stop.get()) {
                try (Connection c = connect(addresses.get(0)); PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO shop.orders (id, item) VALUES (?, ?)")) {
                    while (!stop.get()) {
                        insert.setInt(1, next);
                        insert.setString(2, "item " + next);
                        insert.executeUpdate();
                        committed.add(next);
                        next++;
                    }
                } catch (SQLException e) {
                    next++; // maybe committed, maybe not: only acknowledged rows must survive
                }
            }
        });
        inserter.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> committed.size() >= 200);
        ProcessHandle server = mariadbOf(second);
        server.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.isAlive());
        int atKill = committed.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> committed.size() >= atKill + 200);
        stop.set(true);
        inserter.join(30_000);

        awaitCluster(3);
        assertThat(mariadbOf(second).pid()).as("the killed server was started again").isNotEqualTo(server.pid());
        String checksum = null;
        for (String address : addresses()) {
            try (Connection c = connect(address)) {
                assertThat(ids(c)).as("every committed row through %s", address).containsAll(committed);
                try (ResultSet r = c.createStatement().executeQuery("CHECKSUM TABLE shop.orders")) {
                    r.next();
                    String sum = r.getString(2);
                    assertThat(checksum == null ? sum : checksum).as("the table's checksum through %s", address).isEqualTo(sum);
                    checksum = sum;
                }
            }
        }
        assertThat(nutshell.expect(200, "GET", services() + "/" + db, token, null).path("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    @Order(5)
    void cpsShowsTheNodesAndChangesThePassword() throws Exception {
        Path conf = nutshell.dataDir().resolve("cps-mysql.conf");
        assertThat(cps(conf, nutshell.adminPassword(), "login", "--url", nutshell.base(), "--user", "admin", "--password-stdin",
                "--cacert", nutshell.caCertificate().toString()).exit()).isZero();
        CpsRun show = cps(conf, null, "service", "mysql", "show", "data", "db");
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("password set").contains(addresses().toArray(String[]::new)).doesNotContain(PASSWORD);
        CpsRun changed = cps(conf, "an0ther-password", "service", "mysql", "password", "data", "db", "--password-stdin");
        assertThat(changed.exit()).as(changed.err()).isZero();
        assertThat(changed.out()).contains("the admin password is set");
        password = "an0ther-password";
        try (Connection c = connect(addresses().get(2))) {
            assertThat(ids(c)).isNotEmpty();
        }
        CpsRun notADatabase = cps(conf, null, "service", "mysql", "show", "data", "nothing-here");
        assertThat(notADatabase.exit()).isNotZero();
        assertThat(notADatabase.err()).startsWith("cps: ").contains("nothing-here");
    }

    @Test
    @Order(6)
    void aDumpIsDownloadedAndAnSqlFileLoaded() throws Exception {
        Path conf = nutshell.dataDir().resolve("cps-mysql.conf");
        Path dump = nutshell.dataDir().resolve("shop.sql.gz");
        CpsRun dumped = cps(conf, null, "service", "mysql", "dump", "data", "db", "-f", dump.toString());
        assertThat(dumped.exit()).as(dumped.err()).isZero();
        String sql;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(dump))) {
            sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(sql).contains("CREATE TABLE `orders`").contains("INSERT INTO `orders`").doesNotContain("conpaas_agent");

        Path extra = nutshell.dataDir().resolve("extra.sql");
        Files.writeString(extra, "CREATE DATABASE extra;\nCREATE TABLE extra.t (id INT PRIMARY KEY);\nINSERT INTO extra.t VALUES (1), (2);\n");
        CpsRun loaded = cps(conf, null, "service", "mysql", "load", "data", "db", extra.toString());
        assertThat(loaded.exit()).as(loaded.err()).isZero();
        try (Connection c = connect(addresses().get(1)); ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM extra.t")) {
            r.next();
            assertThat(r.getInt(1)).as("rows loaded through one node, read through another").isEqualTo(2);
        }
        Path broken = nutshell.dataDir().resolve("broken.sql");
        Files.writeString(broken, "THIS IS NOT SQL;\n");
        CpsRun refused = cps(conf, null, "service", "mysql", "load", "data", "db", broken.toString());
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).startsWith("cps: the load failed").contains("ERROR 1064");
    }

    @Test
    @Order(7)
    void aScheduledBackupOfADroppedServiceRestoresIntoANewOneWithTheSameRowsAndChecksums() throws Exception {
        java.time.Instant settled = java.time.Instant.now();
        long rows;
        String checksum;
        try (Connection c = connect(addresses().get(0))) {
            rows = ids(c).size();
            checksum = checksum(c);
        }
        JsonNode backup = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            for (JsonNode a : nutshell.expect(200, "GET", database() + "/archives", token, null)) {
                if (a.path("kind").asText().equals("backup") && a.path("state").asText().equals("DONE")
                        && java.time.Instant.parse(a.path("requestedAt").asText()).isAfter(settled)) {
                    return a;
                }
            }
            return null;
        }, a -> a != null);
        assertThat(nutshell.expect(200, "GET", database() + "/archives", token, null).size())
                .as("backups beyond the newest 3 are pruned (plus the dump)").isLessThanOrEqualTo(5);

        assertThat(nutshell.call("DELETE", services() + "/" + db, token, null).statusCode()).isIn(202, 204);
        String dropped = db;
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> nutshell.call("GET", services() + "/" + dropped, token, null).statusCode() == 404);

        db = nutshell.expect(201, "POST", services(), token, "{\"type\":\"mysql\",\"name\":\"db2\"}").get("id").asText();
        nutshell.expect(202, "POST", services() + "/" + db + "/start", token, "{\"nodes\":1}");
        awaitCluster(1);
        Path conf = nutshell.dataDir().resolve("cps-mysql.conf");
        CpsRun restored = cps(conf, null, "service", "restore", "data", "db2", "--from", backup.path("id").asText());
        assertThat(restored.exit()).as(restored.err()).isZero();
        // accounts are not in a dump: the new service's admin gets a password of its own
        nutshell.expect(202, "PUT", database() + "/password", token, "{\"password\":\"restored-pass\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> nutshell.expect(200, "GET", database(), token, null).path("passwordSet").asBoolean());
        password = "restored-pass";
        try (Connection c = connect(addresses().get(0))) {
            assertThat(ids(c)).as("the restored rows").hasSize((int) rows);
            assertThat(checksum(c)).as("the restored table's checksum").isEqualTo(checksum);
        }
    }

    private static String checksum(Connection c) throws SQLException {
        try (ResultSet r = c.createStatement().executeQuery("CHECKSUM TABLE shop.orders")) {
            r.next();
            return r.getString(2);
        }
    }

    @Test
    @Order(8)
    void aBoundPhpServiceStoresAndReadsRowsThroughTheVariablesItWasGivenAndUnbindingDropsItsAccount() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/etc/php")) && hasPdoMysql(), "PHP-FPM with pdo_mysql is installed");
        String web = nutshell.expect(201, "POST", services(), token, "{\"type\":\"php\",\"name\":\"shopfront\"}").get("id").asText();
        assertThat(nutshell.upload(services() + "/" + web + "/code", token, shopfront()).statusCode()).isEqualTo(201);
        nutshell.expect(202, "PUT", services() + "/" + web + "/health-check", token, "{\"path\":\"/health.php\"}");
        nutshell.expect(202, "POST", services() + "/" + web + "/start", token, "{\"nodes\":1}");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "RUNNING".equals(nutshell.expect(200, "GET", services() + "/" + web, token, null).path("state").asText()));

        Path conf = nutshell.dataDir().resolve("cps-mysql.conf");
        CpsRun notADatabase = cps(conf, null, "service", "bind", "data", "db2", "shopfront");
        assertThat(notADatabase.exit()).isNotZero();
        assertThat(notADatabase.err()).contains("only mysql services can be bound");
        CpsRun bound = cps(conf, null, "service", "bind", "data", "shopfront", "db2");
        assertThat(bound.exit()).as(bound.err()).isZero();
        assertThat(bound.out()).contains("rolled out");
        JsonNode service = nutshell.expect(200, "GET", services() + "/" + web, token, null);
        assertThat(service.path("bindings")).singleElement().satisfies(b -> {
            assertThat(b.path("serviceName").asText()).isEqualTo("db2");
            assertThat(b.path("database").asText()).isEqualTo("shopfront");
        });
        assertThat(service.toString()).doesNotContain("CONPAAS_MYSQL");
        String url = service.path("url").asText();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        for (String note : List.of("first", "second")) {
            java.net.http.HttpResponse<String> page = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url + "?note=" + note)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).as("the binding's account has its own database only").contains("other=denied");
        }
        try (Connection c = connect(addresses().get(0)); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT note FROM shopfront.visits ORDER BY id")) {
                List<String> notes = new ArrayList<>();
                while (r.next()) {
                    notes.add(r.getString(1));
                }
                assertThat(notes).as("rows the php code stored with the account it was given").containsExactly("first", "second");
            }
            assertThat(bindingAccounts(s)).hasSize(1);
        }
        JsonNode refused = nutshell.expect(409, "DELETE", services() + "/" + db, token, null);
        assertThat(refused.path("detail").asText()).contains("bound to shopfront").contains("unbind it first");

        CpsRun unbound = cps(conf, null, "service", "unbind", "data", "shopfront", "db2");
        assertThat(unbound.exit()).as(unbound.err()).isZero();
        assertThat(nutshell.expect(200, "GET", services() + "/" + web, token, null).path("bindings")).isEmpty();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            try (Connection c = connect(addresses().get(0)); Statement s = c.createStatement()) {
                assertThat(bindingAccounts(s)).as("the binding's account is dropped").isEmpty();
            }
        });
    }

    static boolean hasPdoMysql() throws Exception {
        Process php = new ProcessBuilder("php", "-m").redirectErrorStream(true).start();
        String modules = new String(php.getInputStream().readAllBytes());
        return php.waitFor() == 0 && modules.contains("pdo_mysql");
    }

    private static List<String> bindingAccounts(Statement s) throws SQLException {
        List<String> users = new ArrayList<>();
        try (ResultSet r = s.executeQuery("SELECT User FROM mysql.user WHERE User LIKE 'cpb\\_%'")) {
            while (r.next()) {
                users.add(r.getString(1));
            }
        }
        return users;
    }

    /** A PHP page that stores a note through the bound database's variables and counts them; health.php answers ok. */
    private static byte[] shopfront() throws Exception {
        String index = """
                <?php
                $dsn = 'mysql:host=' . getenv('CONPAAS_MYSQL_HOST') . ';port=' . getenv('CONPAAS_MYSQL_PORT')
                    . ';dbname=' . getenv('CONPAAS_MYSQL_DATABASE');
                try {
                    $db = new PDO($dsn, getenv('CONPAAS_MYSQL_USER'), getenv('CONPAAS_MYSQL_PASSWORD'),
                        [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
                    $db->exec('CREATE TABLE IF NOT EXISTS visits (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(40) NOT NULL)');
                    if (isset($_GET['note'])) {
                        $db->prepare('INSERT INTO visits (note) VALUES (?)')->execute([$_GET['note']]);
                    }
                    $count = $db->query('SELECT COUNT(*) FROM visits')->fetchColumn();
                    try {
                        $db->query('SELECT COUNT(*) FROM shop.orders');
                        $other = 'readable';
                    } catch (PDOException $e) {
                        $other = 'denied';
                    }
                    echo "visits=$count other=$other\n";
                } catch (PDOException $e) {
                    http_response_code(503);
                    echo 'no database: ' . $e->getMessage() . "\n";
                }
                """;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (var file : java.util.Map.of("index.php", index, "health.php", "<?php echo \"ok\\n\";\n").entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    @Order(9)
    void deletingTheApplicationLeavesNoServerRunning() throws Exception {
        List<ProcessHandle> servers = new ArrayList<>();
        for (String node : nodeIds()) {
            servers.add(mariadbOf(node));
        }
        assertThat(nutshell.call("DELETE", "/api/apps/" + appId, token, null).statusCode()).isIn(202, 204);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> nutshell.call("GET", "/api/apps/" + appId, token, null).statusCode() == 404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(servers.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)).as("MariaDB servers left").isEmpty());
    }

    private static CpsRun cps(Path conf, String stdin, String... args) {
        return CpsRun.of(conf, stdin, args);
    }

    private static String services() {
        return "/api/apps/" + appId + "/services";
    }

    private static String database() {
        return services() + "/" + db + "/mysql";
    }

    /** The alive nodes' client addresses, oldest node first. */
    private static List<String> addresses() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (JsonNode node : nutshell.expect(200, "GET", database(), token, null).path("nodes")) {
            addresses.add(node.path("address").asText());
        }
        return addresses;
    }

    private static List<String> nodeIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode node : nutshell.expect(200, "GET", database(), token, null).path("nodes")) {
            ids.add(node.path("id").asText());
        }
        return ids;
    }

    private static void awaitCluster(int size) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode state = nutshell.expect(200, "GET", database(), token, null);
            assertThat(state.path("nodes")).as("%s", state).hasSize(size)
                    .allSatisfy(n -> {
                        assertThat(n.path("member").asBoolean()).isTrue();
                        assertThat(n.path("clusterSize").asInt()).isEqualTo(size);
                        assertThat(n.path("address").asText()).startsWith("127.0.0.1:");
                    });
        });
        awaitState("RUNNING", Duration.ofMinutes(1));
    }

    private static void awaitState(String state, Duration within) {
        await().atMost(within).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode s = nutshell.expect(200, "GET", services() + "/" + db, token, null);
            if ("ERROR".equals(s.path("state").asText())) {
                throw new AssertionError("service failed: " + s.path("history"));
            }
            return state.equals(s.path("state").asText());
        });
    }

    /** The MariaDB server a local node's agent runs. */
    private static ProcessHandle mariadbOf(String nodeId) throws Exception {
        long agent = nutshell.nodePid(nodeId);
        return ProcessHandle.of(agent).orElseThrow().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("mariadbd")).findFirst()
                .orElseThrow(() -> new AssertionError("no MariaDB server under node " + nodeId));
    }

    private static Connection connect(String address) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + address + "/?connectTimeout=5000&socketTimeout=20000", "admin", password);
    }

    private static void insert(Connection c, int from, int to) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO shop.orders (id, item) VALUES (?, ?)")) {
            for (int id = from; id <= to; id++) {
                insert.setInt(1, id);
                insert.setString(2, "item " + id);
                insert.executeUpdate();
            }
        }
    }

    private static Set<Integer> ids(Connection c) throws SQLException {
        Set<Integer> ids = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id FROM shop.orders")) {
            while (r.next()) {
                ids.add(r.getInt(1));
            }
        }
        return ids;
    }
}
