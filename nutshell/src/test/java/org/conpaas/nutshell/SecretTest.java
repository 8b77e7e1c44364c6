package org.conpaas.nutshell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class SecretTest {

    @Test
    void isMadeOnceReadableOnlyByItsOwnerAndThenReused(@TempDir Path dir) throws Exception {
        Secret first = Secret.loadOrCreate(dir.resolve("admin-password"));
        assertThat(first.createdNow()).isTrue();
        assertThat(first.value()).hasSize(24).matches("[A-Za-z0-9_-]+");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file()))).isEqualTo("rw-------");
        Secret again = Secret.loadOrCreate(dir.resolve("admin-password"));
        assertThat(again.createdNow()).isFalse();
        assertThat(again.value()).isEqualTo(first.value());
    }

    @Test
    void databaseUrlsKeepTheServerAndItsParameters() {
        Database db = new Database("jdbc:postgresql://127.0.0.1:5432/postgres?sslmode=disable", "postgres", "");
        assertThat(db.urlOf("conpaas_app")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/conpaas_app?sslmode=disable");
    }
}
