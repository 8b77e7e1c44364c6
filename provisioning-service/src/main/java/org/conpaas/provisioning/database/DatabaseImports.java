package org.conpaas.provisioning.database;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Loads into a mysql service: of a file the user uploaded (kept beside the archives until loaded) or
 * of an archive (a restore). REQUESTED until a node of the cluster ran it (DONE) or could not (FAILED).
 */
@Component
class DatabaseImports {

    record Import(String id, String serviceId, String archiveId, String state, String detail, Instant requestedAt, Instant finishedAt) {
    }

    private static final RowMapper<Import> ROW = (rs, n) -> new Import(rs.getString("id"), rs.getString("service_id"),
            rs.getString("archive_id"), rs.getString("state"), rs.getString("detail"), rs.getTimestamp("requested_at").toInstant(),
            rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant());

    private final JdbcTemplate jdbc;
    private final ArchiveFiles files;

    DatabaseImports(JdbcTemplate jdbc, ArchiveFiles files) {
        this.jdbc = jdbc;
        this.files = files;
    }

    /** A new id for an upload, before its file is stored. */
    String newId() {
        return UUID.randomUUID().toString();
    }

    Import request(String id, String serviceId, String archiveId, Instant at) {
        jdbc.update("INSERT INTO database_import (id, service_id, archive_id, state, requested_at) VALUES (?, ?, ?, 'REQUESTED', ?)",
                id, serviceId, archiveId, Timestamp.from(at));
        return find(id).orElseThrow();
    }

    Optional<Import> find(String id) {
        return jdbc.query("SELECT * FROM database_import WHERE id = ?", ROW, id).stream().findFirst();
    }

    Optional<Import> pending(String serviceId) {
        return jdbc.query("SELECT * FROM database_import WHERE service_id = ? AND state = 'REQUESTED' ORDER BY requested_at LIMIT 1",
                ROW, serviceId).stream().findFirst();
    }

    /** The file to load: the archive's, or the upload's. */
    Path file(Import request) {
        return request.archiveId() != null ? files.archive(request.archiveId()) : files.upload(request.id());
    }

    /** The node ran it: the uploaded file is not kept. */
    void finished(String id, String nodeId, boolean ok, String detail, Instant at) {
        int changed = jdbc.update("""
                UPDATE database_import SET state = ?, node_id = ?, detail = ?, finished_at = ? WHERE id = ? AND state = 'REQUESTED'""",
                ok ? "DONE" : "FAILED", nodeId, detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 999) + "…",
                Timestamp.from(at), id);
        if (changed > 0) {
            files.delete(files.upload(id));
        }
    }

    void failStale(Instant before, Instant at) {
        List<String> stale = jdbc.queryForList("SELECT id FROM database_import WHERE state = 'REQUESTED' AND requested_at < ?",
                String.class, Timestamp.from(before));
        stale.forEach(id -> finished(id, null, false, "no node of the cluster loaded it in time", at));
    }

    /** The service was removed: loads still waiting go with it. */
    void forget(String serviceId) {
        for (String id : jdbc.queryForList("SELECT id FROM database_import WHERE service_id = ?", String.class, serviceId)) {
            files.delete(files.upload(id));
        }
        jdbc.update("DELETE FROM database_import WHERE service_id = ?", serviceId);
    }
}
