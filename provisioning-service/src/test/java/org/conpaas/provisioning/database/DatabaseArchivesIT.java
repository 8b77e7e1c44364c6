package org.conpaas.provisioning.database;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Archives, loads and the backup schedule on the real database and directory: a running mysql
 * service is backed up when its last backup is older than the interval, only the newest backups
 * are kept (their files too), a job no node took fails after the timeout, a finished load leaves no
 * uploaded file, and the heartbeat answer gives the oldest member the archive and load to run.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = {"conpaas.database.backup-check=1h", "conpaas.database.backup-interval=1h",
        "conpaas.database.backup-keep=2", "conpaas.database.archive-dir=${java.io.tmpdir}/conpaas-archives-it"})
@org.springframework.context.annotation.Import(org.conpaas.kit.test.TestTokenDecoder.class)
class DatabaseArchivesIT {

    @Autowired
    BackupSchedule schedule;
    @Autowired
    DatabaseArchives archives;
    @Autowired
    DatabaseImports imports;
    @Autowired
    ArchiveFiles files;
    @Autowired
    GaleraClusters clusters;
    @Autowired
    JdbcTemplate jdbc;

    private final String service = ServiceId.random().value();
    private final String app = ApplicationId.random().value();

    @Test
    void aRunningClusterIsBackedUpOnScheduleAndOnlyTheNewestBackupsAreKept() throws Exception {
        String oldest = "n1-" + UUID.randomUUID();
        node(oldest, 1, true);
        node("n2-" + UUID.randomUUID(), 2, true);
        schedule.run();
        DatabaseArchives.Archive first = archives.pending(service).orElseThrow();
        assertThat(first.kind()).isEqualTo("backup");
        assertThat(clusters.answer(oldest, service).exportArchive()).as("the oldest member makes it").isEqualTo(first.id());
        schedule.run();
        assertThat(archives.ofService(service)).as("no second backup within the interval").hasSize(1);

        for (int i = 0; i < 3; i++) {
            DatabaseArchives.Archive backup = i == 0 ? first
                    : archives.request(service, app, "owner", DatabaseArchives.BACKUP, Instant.now().minus(Duration.ofMinutes(90 - i)));
            archives.stored(backup.id(), oldest, files.store(new ByteArrayInputStream(new byte[]{1, 2, 3}), files.archive(backup.id())),
                    Instant.now());
        }
        jdbc.update("UPDATE database_archive SET requested_at = ? WHERE id = ?", Timestamp.from(Instant.now().minus(Duration.ofHours(2))),
                first.id());
        schedule.run();
        assertThat(archives.ofService(service)).as("two kept, and the new one requested").hasSize(3);
        assertThat(archives.find(first.id())).as("the oldest backup is pruned").isEmpty();
        assertThat(files.archive(first.id())).as("with its file").doesNotExist();
    }

    @Test
    void aJobNoNodeTookFailsAndAFinishedLoadKeepsNoFile() throws Exception {
        DatabaseArchives.Archive dump = archives.request(service, app, "owner", DatabaseArchives.DUMP, Instant.now().minus(Duration.ofHours(2)));
        archives.failStale(Instant.now().minus(Duration.ofHours(1)), Instant.now());
        assertThat(archives.find(dump.id()).orElseThrow().state()).isEqualTo("FAILED");

        String id = imports.newId();
        files.store(new ByteArrayInputStream("SELECT 1;".getBytes(StandardCharsets.UTF_8)), files.upload(id));
        imports.request(id, service, null, Instant.now());
        String oldest = "n1-" + UUID.randomUUID();
        node(oldest, 1, true);
        assertThat(clusters.answer(oldest, service).importRequest()).isEqualTo(id);
        imports.finished(id, oldest, true, "loaded", Instant.now());
        assertThat(imports.find(id).orElseThrow().state()).isEqualTo("DONE");
        assertThat(Files.exists(files.upload(id))).isFalse();
        assertThat(clusters.answer(oldest, service).importRequest()).isNull();
    }

    private void node(String id, int order, boolean member) {
        jdbc.update("""
                        INSERT INTO node (id, service_id, application_id, owner_id, role, service_type, cloud, state, requested_at, state_since,
                                          host, db_member)
                        VALUES (?, ?, ?, 'owner', 'agent', 'mysql', 'local', 'RUNNING', ?, ?, '127.0.0.1', ?)""",
                id, service, app, Timestamp.from(Instant.now().plusSeconds(order)), Timestamp.from(Instant.now()), member);
    }
}
