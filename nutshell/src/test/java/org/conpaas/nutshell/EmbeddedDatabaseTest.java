package org.conpaas.nutshell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseTest {

    private static final String PASSWORD = "test-password-0123456789";

    @Test
    void startsOnItsPortMakesDatabasesOnceAndKeepsThemAcrossRestarts(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path data = dir.resolve("postgres");
        try (EmbeddedDatabase pg = EmbeddedDatabase.start(data, port, dir.resolve("logs/postgres.log"), PASSWORD)) {
            assertThat(pg.port()).isEqualTo(port);
            Database db = pg.database();
            String url = db.ensure("conpaas_test");
            assertThat(url).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/conpaas_test");
            assertThat(db.ensure("conpaas_test")).isEqualTo(url);
            try (Connection c = DriverManager.getConnection(url, db.user(), db.password()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('still here')");
            }
        }
        assertThat(Files.exists(data.resolve("postmaster.pid"))).as("stopped cleanly").isFalse();

        try (EmbeddedDatabase again = EmbeddedDatabase.start(data, port, dir.resolve("logs/postgres.log"), PASSWORD)) {
            Database db = again.database();
            try (Connection c = DriverManager.getConnection(db.ensure("conpaas_test"), db.user(), db.password());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("still here");
            }
        }
    }

    /**
     * The binaries root runs and the server's socket stay inside the nutshell's own directory: in a
     * shared /tmp any local user could rename the binaries' directory and put their own in its place.
     */
    @Test
    void itsBinariesAndSocketStayInTheNutshellsDirectory(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path data = dir.resolve("postgres");
        try (EmbeddedDatabase pg = EmbeddedDatabase.start(data, port, dir.resolve("logs/postgres.log"), PASSWORD)) {
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            String executable = ProcessHandle.of(pid).flatMap(p -> p.info().command()).orElseThrow();
            assertThat(Path.of(executable)).startsWith(dir.resolve("postgres-binaries"));
            assertThat(data.resolve(".s.PGSQL." + port)).exists();
            assertThat(Path.of("/tmp/.s.PGSQL." + port)).doesNotExist();
        }
    }

    /** Issue 16: nobody on the machine reaches the embedded database without its password, neither on first start nor after. */
    @Test
    void everyConnectionNeedsThePassword(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path data = dir.resolve("postgres");
        for (int start = 0; start < 2; start++) {
            try (EmbeddedDatabase pg = EmbeddedDatabase.start(data, port, dir.resolve("logs/postgres.log"), PASSWORD)) {
                String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", ""))
                        .hasMessageContaining("password");
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "guess"))
                        .hasMessageContaining("password authentication failed");
                try (Connection c = DriverManager.getConnection(url, "postgres", PASSWORD)) {
                    assertThat(c.isValid(2)).isTrue();
                }
            }
        }
    }

    @Test
    void refusesDatabaseNamesThatAreNotPlainIdentifiers() {
        Database db = new Database("jdbc:postgresql://127.0.0.1:1/postgres", "postgres", "");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.ensure("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
