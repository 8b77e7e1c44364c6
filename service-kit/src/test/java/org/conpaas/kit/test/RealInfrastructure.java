package org.conpaas.kit.test;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.RabbitMQContainer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The real PostgreSQL and RabbitMQ that integration tests talk to: the machine's own services
 * (127.0.0.1:5432 and :5672, overridable by CONPAAS_TEST_DB_URL / _DB_USER / _DB_PASSWORD and
 * CONPAAS_TEST_AMQP_HOST / _PORT / _USER / _PASSWORD) whenever both answer; Testcontainers only
 * when they do not and a Docker engine answers (it pulls postgres and rabbitmq images, so it needs
 * a registry); CONPAAS_TEST_DOCKER=false never uses Docker. A Docker engine alone (e.g. the one the
 * docker cloud's tests use) does not make tests leave the machine's services. Each test context
 * gets its own database and its own exchange, so runs never see each other's data; the databases
 * are dropped when the JVM ends.
 */
public final class RealInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(RealInfrastructure.class);
    private static volatile RealInfrastructure instance;

    private final String adminUrl;
    private final String dbUser;
    private final String dbPassword;
    private final String amqpHost;
    private final int amqpPort;
    private final String amqpUser;
    private final String amqpPassword;

    private RealInfrastructure(String adminUrl, String dbUser, String dbPassword,
                               String amqpHost, int amqpPort, String amqpUser, String amqpPassword) {
        this.adminUrl = adminUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.amqpHost = amqpHost;
        this.amqpPort = amqpPort;
        this.amqpUser = amqpUser;
        this.amqpPassword = amqpPassword;
    }

    public static RealInfrastructure get() {
        if (instance == null) {
            synchronized (RealInfrastructure.class) {
                if (instance == null) {
                    instance = machineServicesAnswer() || !dockerAnswers() ? machineServices() : containers();
                }
            }
        }
        return instance;
    }

    private static boolean machineServicesAnswer() {
        URI db = URI.create(env("CONPAAS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres").substring("jdbc:".length()));
        return answers(db.getHost(), db.getPort() < 0 ? 5432 : db.getPort())
                && answers(env("CONPAAS_TEST_AMQP_HOST", "127.0.0.1"), Integer.parseInt(env("CONPAAS_TEST_AMQP_PORT", "5672")));
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean dockerAnswers() {
        if ("false".equals(System.getenv("CONPAAS_TEST_DOCKER"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    private static RealInfrastructure containers() {
        log.info("no PostgreSQL and RabbitMQ answer on this machine but Docker does: starting them as containers");
        PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("postgres:15-alpine");
        RabbitMQContainer rabbit = new RabbitMQContainer("rabbitmq:3.13-alpine");
        pg.start();
        rabbit.start();
        return new RealInfrastructure(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword(),
                rabbit.getHost(), rabbit.getAmqpPort(), rabbit.getAdminUsername(), rabbit.getAdminPassword());
    }

    private static RealInfrastructure machineServices() {
        log.info("using the machine's PostgreSQL and RabbitMQ");
        return new RealInfrastructure(
                env("CONPAAS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                env("CONPAAS_TEST_DB_USER", "postgres"),
                env("CONPAAS_TEST_DB_PASSWORD", ""),
                env("CONPAAS_TEST_AMQP_HOST", "127.0.0.1"),
                Integer.parseInt(env("CONPAAS_TEST_AMQP_PORT", "5672")),
                env("CONPAAS_TEST_AMQP_USER", "guest"),
                env("CONPAAS_TEST_AMQP_PASSWORD", "guest"));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** A new, empty database named after {@code purpose}; returns its JDBC URL. */
    public String newDatabase(String purpose) {
        String name = ("t_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        execute("CREATE DATABASE " + name);
        // dropped once every Spring context has closed: a JVM shutdown hook of its own would run
        // beside the contexts' closing, and processors still committing would wait for connections
        // to a database that is gone (Hikari's 30 s) until Surefire kills the JVM
        SpringApplication.getShutdownHandlers().add(() -> dropQuietly(name));
        int slash = adminUrl.lastIndexOf('/');
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + name + (query < 0 ? "" : adminUrl.substring(query));
    }

    /** A fresh exchange name, so consumers of this test see only its own events. */
    public String newExchange(String purpose) {
        return "conpaas.test." + purpose + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    private void dropQuietly(String database) {
        try {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (RuntimeException e) {
            log.warn("could not drop test database {}: {}", database, e.getMessage());
        }
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, dbUser, dbPassword);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + adminUrl + " refused '" + sql + "': " + e.getMessage()
                    + " (is it running? pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)", e);
        }
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPassword() {
        return dbPassword;
    }

    public String amqpHost() {
        return amqpHost;
    }

    public int amqpPort() {
        return amqpPort;
    }

    public String amqpUser() {
        return amqpUser;
    }

    public String amqpPassword() {
        return amqpPassword;
    }
}
