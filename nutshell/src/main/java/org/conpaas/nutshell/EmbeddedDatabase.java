package org.conpaas.nutshell;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server from the binaries zonky ships as a Maven artifact, on 127.0.0.1 at a
 * fixed port, with its data kept under the data directory across restarts. A server left behind
 * by a nutshell that was killed is stopped first. The nutshell stops it itself, after the
 * services (no shutdown hook of zonky's racing them).
 */
final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path dataDir, int port, Path log) throws IOException {
        Files.createDirectories(dataDir);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Orphans.stopPostgresLeftIn(dataDir);
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
        return new EmbeddedDatabase(EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .setOutputRedirector(toLog)
                .setErrorRedirector(toLog)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .start());
    }

    int port() {
        return postgres.getPort();
    }

    Database database() {
        return new Database("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", "");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
