package org.conpaas.provisioning.database;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The archives of mysql services: a {@code dump} the user asked for or a scheduled {@code backup},
 * REQUESTED until a node of the cluster uploaded it (DONE) or could not (FAILED). The file lives in
 * {@link ArchiveFiles}; the row and the file go together.
 */
@Component
class DatabaseArchives {

    static final String DUMP = "dump";
    static final String BACKUP = "backup";

    record Archive(String id, String serviceId, String applicationId, String ownerId, String kind, String state, String detail,
                   Long sizeBytes, String sha256, Instant requestedAt, Instant finishedAt) {
    }

    private static final RowMapper<Archive> ROW = (rs, n) -> new Archive(rs.getString("id"), rs.getString("service_id"),
            rs.getString("application_id"), rs.getString("owner_id"), rs.getString("kind"), rs.getString("state"), rs.getString("detail"),
            (Long) rs.getObject("size_bytes"), rs.getString("sha256"), rs.getTimestamp("requested_at").toInstant(),
            rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant());

    private final JdbcTemplate jdbc;
    private final ArchiveFiles files;

    DatabaseArchives(JdbcTemplate jdbc, ArchiveFiles files) {
        this.jdbc = jdbc;
        this.files = files;
    }

    Archive request(String serviceId, String applicationId, String ownerId, String kind, Instant at) {
        String id = UUID.randomUUID().toString();
        jdbc.update("""
                INSERT INTO database_archive (id, service_id, application_id, owner_id, kind, state, requested_at)
                VALUES (?, ?, ?, ?, ?, 'REQUESTED', ?)""", id, serviceId, applicationId, ownerId, kind, Timestamp.from(at));
        return find(id).orElseThrow();
    }

    Optional<Archive> find(String id) {
        return jdbc.query("SELECT * FROM database_archive WHERE id = ?", ROW, id).stream().findFirst();
    }

    List<Archive> ofService(String serviceId) {
        return jdbc.query("SELECT * FROM database_archive WHERE service_id = ? ORDER BY requested_at DESC", ROW, serviceId);
    }

    List<Archive> ownedBy(String ownerId) {
        return jdbc.query("SELECT * FROM database_archive WHERE owner_id = ? ORDER BY requested_at DESC", ROW, ownerId);
    }

    List<Archive> all() {
        return jdbc.query("SELECT * FROM database_archive ORDER BY requested_at DESC", ROW);
    }

    /** The oldest archive of the service still to be made. */
    Optional<Archive> pending(String serviceId) {
        return jdbc.query("SELECT * FROM database_archive WHERE service_id = ? AND state = 'REQUESTED' ORDER BY requested_at LIMIT 1",
                ROW, serviceId).stream().findFirst();
    }

    /** The newest backup of the service, made or still to be made. */
    Optional<Instant> lastBackup(String serviceId) {
        return jdbc.query("SELECT max(requested_at) FROM database_archive WHERE service_id = ? AND kind = 'backup' AND state <> 'FAILED'",
                (rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant(), serviceId).stream().filter(t -> t != null)
                .findFirst();
    }

    void stored(String id, String nodeId, ArchiveFiles.Stored stored, Instant at) {
        jdbc.update("""
                UPDATE database_archive SET state = 'DONE', node_id = ?, size_bytes = ?, sha256 = ?, finished_at = ?, detail = NULL
                WHERE id = ?""", nodeId, stored.size(), stored.sha256(), Timestamp.from(at), id);
    }

    void failed(String id, String nodeId, String reason, Instant at) {
        jdbc.update("UPDATE database_archive SET state = 'FAILED', node_id = ?, detail = ?, finished_at = ? WHERE id = ? AND state = 'REQUESTED'",
                nodeId, clip(reason), Timestamp.from(at), id);
    }

    /** Archives REQUESTED since before {@code before}: no node made them. */
    void failStale(Instant before, Instant at) {
        jdbc.update("""
                UPDATE database_archive SET state = 'FAILED', detail = 'no node of the cluster made it in time', finished_at = ?
                WHERE state = 'REQUESTED' AND requested_at < ?""", Timestamp.from(at), Timestamp.from(before));
    }

    /** Backups of the service beyond the newest {@code keep} made ones go, files first. */
    void prune(String serviceId, int keep) {
        List<String> old = jdbc.queryForList("""
                SELECT id FROM database_archive WHERE service_id = ? AND kind = 'backup' AND state <> 'REQUESTED'
                ORDER BY requested_at DESC OFFSET ?""", String.class, serviceId, keep);
        old.forEach(this::delete);
    }

    void delete(String id) {
        files.delete(files.archive(id));
        jdbc.update("DELETE FROM database_archive WHERE id = ?", id);
    }

    private static String clip(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 999) + "…";
    }
}
