package org.conpaas.nutshell;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server from the binaries zonky ships as a Maven artifact, on 127.0.0.1 at a
 * fixed port, with its data kept under the data directory across restarts. A server left behind
 * by a nutshell that was killed is stopped first. The nutshell stops it itself, after the
 * services (no shutdown hook of zonky's racing them). Every connection needs the password
 * (SCRAM-SHA-256), generated on first start and kept 0600 in the data directory: on the first start
 * of a data directory the server still trusts loopback, so the password is set and the server's
 * pg_hba.conf replaced before any service connects.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    static EmbeddedDatabase start(Path dataDir, int port, Path log, String password) throws IOException {
        if (!password.matches("[A-Za-z0-9_-]{16,}")) {
            throw new IllegalArgumentException("the database password must be 16 or more letters, digits, '_' or '-'");
        }
        Files.createDirectories(dataDir);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Orphans.stopPostgresLeftIn(dataDir);
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
        // PostgreSQL's binaries and its socket live in the nutshell's own directory (0700), never in a
        // shared /tmp where any local user (or tenant code) could swap the binaries the next start runs
        Path binaries = dataDir.resolveSibling("postgres-binaries");
        Files.createDirectories(binaries);
        EmbeddedDatabase database = new EmbeddedDatabase(EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(binaries.toFile())
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .setOutputRedirector(toLog)
                .setErrorRedirector(toLog)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", dataDir.toAbsolutePath().toString())
                .setServerConfig("max_connections", "200")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setConnectConfig("password", password)
                .start(), password);
        database.requirePassword(dataDir);
        return database;
    }

    /** The password set, and only connections that give it accepted (no trust, on the socket or loopback). */
    private void requirePassword(Path dataDir) throws IOException {
        try (Connection c = DriverManager.getConnection(database().adminUrl(), "postgres", password);
             Statement s = c.createStatement()) {
            s.execute("ALTER USER postgres PASSWORD '" + password + "'");
            Files.writeString(dataDir.resolve("pg_hba.conf"), """
                    # written by the ConPaaS nutshell: every connection gives the password
                    local all all scram-sha-256
                    host  all all 127.0.0.1/32 scram-sha-256
                    host  all all ::1/128 scram-sha-256
                    """);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not require a password of the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    int port() {
        return postgres.getPort();
    }

    Database database() {
        return new Database("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", password);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
