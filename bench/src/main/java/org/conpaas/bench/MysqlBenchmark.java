package org.conpaas.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 19's measure: single-row inserts (autocommit) and primary-key reads per second through a
 * mysql service of 3 local nodes (MariaDB Galera: every commit certified by the other two), beside
 * the limit — the same MariaDB server binary with the same settings and no Galera, started here on
 * a free port. 4 client connections, 10 s of inserts then 10 s of reads each, on this machine's loopback.
 */
final class MysqlBenchmark {

    private static final int CONNECTIONS = 4;
    private static final long SECONDS = 10;
    private static final String PASSWORD = "bench-password-1";

    String run() throws Exception {
        Rates standalone;
        try (Standalone server = Standalone.start()) {
            standalone = measure(List.of("127.0.0.1:" + server.port), "root", "");
        }
        try (RunningNutshell nutshell = new RunningNutshell("--nodes", "local")) {
            nutshell.awaitHealthy();
            String token = nutshell.adminToken();
            String app = nutshell.json("POST", "/api/apps", token, "{\"name\":\"bench-db\"}").get("id").asText();
            for (int i = 0; i < 120 && nutshell.call("GET", "/api/apps/" + app + "/network", token, null).statusCode() != 200; i++) {
                Thread.sleep(250);
            }
            String path = "/api/apps/" + app + "/services/" + nutshell.json("POST", "/api/apps/" + app + "/services", token,
                    "{\"type\":\"mysql\",\"name\":\"db\"}").get("id").asText();
            nutshell.json("POST", path + "/start", token, "{\"nodes\":3}");
            List<String> addresses = awaitCluster(nutshell, token, path, 3);
            nutshell.json("PUT", path + "/mysql/password", token, "{\"password\":\"" + PASSWORD + "\"}");
            for (int i = 0; i < 120 && !nutshell.json("GET", path + "/mysql", token, null).path("passwordSet").asBoolean(); i++) {
                Thread.sleep(500);
            }
            Rates one = measure(List.of(addresses.get(0)), "admin", PASSWORD);
            Rates spread = measure(addresses, "admin", PASSWORD);
            return "### mysql service: single-row inserts and primary-key reads\n\n"
                    + "| target | inserts/s | reads/s |\n|---|---|---|\n"
                    + String.format("| service of 3 nodes, every connection to node 1 | %.0f | %.0f |%n", one.inserts(), one.reads())
                    + String.format("| service of 3 nodes, connections spread over the nodes | %.0f | %.0f |%n", spread.inserts(), spread.reads())
                    + String.format("| limit: the same MariaDB alone (no Galera), same settings | %.0f | %.0f |%n", standalone.inserts(), standalone.reads())
                    + String.format("%nratios (node 1 / alone): inserts %.2f, reads %.2f; %d connections, %d s each, autocommit%n",
                    one.inserts() / standalone.inserts(), one.reads() / standalone.reads(), CONNECTIONS, SECONDS);
        }
    }

    record Rates(double inserts, double reads) {
    }

    private static List<String> awaitCluster(RunningNutshell nutshell, String token, String path, int size) throws Exception {
        for (int i = 0; i < 600; i++) {
            JsonNode db = nutshell.call("GET", path + "/mysql", token, null).statusCode() == 200 ? nutshell.json("GET", path + "/mysql", token, null) : null;
            List<String> members = new ArrayList<>();
            if (db != null) {
                db.path("nodes").forEach(n -> {
                    if (n.path("member").asBoolean() && n.path("clusterSize").asInt() == size) {
                        members.add(n.path("address").asText());
                    }
                });
            }
            if (members.size() == size) {
                return members;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the mysql service did not form a cluster of " + size);
    }

    /** Inserts for {@link #SECONDS} over {@link #CONNECTIONS} connections (round robin over the addresses), then reads as long. */
    private static Rates measure(List<String> addresses, String user, String password) throws Exception {
        String table = "bench.rows_" + System.nanoTime();
        try (Connection c = connect(addresses.get(0), user, password)) {
            c.createStatement().execute("CREATE DATABASE IF NOT EXISTS bench");
            c.createStatement().execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, payload VARCHAR(100) NOT NULL)");
        }
        AtomicLong ids = new AtomicLong();
        double inserts = phase(addresses, user, password, c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (id, payload) VALUES (?, ?)")) {
                long id = ids.incrementAndGet();
                insert.setLong(1, id);
                insert.setString(2, "row " + id);
                insert.executeUpdate();
            }
        });
        long written = ids.get();
        Thread.sleep(2000); // the other nodes apply what they certified
        double reads = phase(addresses, user, password, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT payload FROM " + table + " WHERE id = ?")) {
                select.setLong(1, 1 + ThreadLocalRandom.current().nextLong(written));
                try (ResultSet r = select.executeQuery()) {
                    if (!r.next()) {
                        throw new SQLException("a written row is missing");
                    }
                }
            }
        });
        return new Rates(inserts, reads);
    }

    interface Operation {
        void on(Connection connection) throws SQLException;
    }

    private static double phase(List<String> addresses, String user, String password, Operation operation) throws Exception {
        AtomicLong done = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        for (int i = 0; i < CONNECTIONS; i++) {
            String address = addresses.get(i % addresses.size());
            Thread thread = new Thread(() -> {
                try (Connection c = connect(address, user, password)) {
                    while (System.nanoTime() < end) {
                        operation.on(c);
                        done.incrementAndGet();
                    }
                } catch (SQLException e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("the benchmark's clients failed: " + failures.get(0), failures.get(0));
        }
        return done.get() / (double) SECONDS;
    }

    private static Connection connect(String address, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + address + "/", user, password);
    }

    /** The limit: mariadbd with the mysql nodes' settings minus wsrep, its own data directory and a free port. */
    private static final class Standalone implements AutoCloseable {
        private final Path dir;
        private final Process process;
        final int port;

        private Standalone(Path dir, Process process, int port) {
            this.dir = dir;
            this.process = process;
            this.port = port;
        }

        static Standalone start() throws Exception {
            Path dir = Files.createTempDirectory("bench-mariadb");
            int port = RunningNutshell.freePort();
            Path config = dir.resolve("my.cnf");
            Files.writeString(config, """
                    [mariadbd]
                    datadir=%1$s/data
                    socket=%1$s/s.sock
                    pid-file=%1$s/p.pid
                    tmpdir=%1$s
                    port=%2$d
                    bind-address=127.0.0.1
                    skip-name-resolve
                    skip-log-error
                    binlog_format=ROW
                    default_storage_engine=InnoDB
                    innodb_autoinc_lock_mode=2
                    innodb_buffer_pool_size=64M
                    innodb_flush_log_at_trx_commit=2
                    max_connections=200
                    """.formatted(dir, port));
            run(List.of("mariadb-install-db", "--defaults-file=" + config, "--user=root", "--auth-root-authentication-method=normal",
                    "--skip-test-db"), dir.resolve("install.log"));
            Process process = new ProcessBuilder("/usr/sbin/mariadbd", "--defaults-file=" + config, "--user=root")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
            for (int i = 0; i < 60; i++) {
                try (Connection ignored = connect("127.0.0.1:" + port, "root", "")) {
                    return new Standalone(dir, process, port);
                } catch (SQLException notYet) {
                    Thread.sleep(500);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("the standalone MariaDB did not answer: see " + dir.resolve("server.log"));
        }

        private static void run(List<String> command, Path log) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + Files.readString(log));
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
