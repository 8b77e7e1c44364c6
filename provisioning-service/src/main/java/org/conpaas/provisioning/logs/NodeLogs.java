package org.conpaas.provisioning.logs;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The log lines nodes send with their heartbeats: kept in node_log, at most {@code keep} per node
 * (older ones go), read back per service in order; a removed service's lines go with it.
 */
@Component
public class NodeLogs {

    /** One stored line: its position (for following), node, time, log and text. */
    public record Entry(long id, String node, Instant at, String source, String line) {
    }

    static final int MAX_PER_HEARTBEAT = 500;

    private final JdbcTemplate jdbc;
    private final int keep;

    NodeLogs(JdbcTemplate jdbc, @Value("${conpaas.nodes.log-lines-kept:2000}") int keep) {
        this.jdbc = jdbc;
        this.keep = keep;
    }

    public void append(String nodeId, String serviceId, Instant at, List<LogLine> lines) {
        if (lines == null || lines.isEmpty()) {
            return;
        }
        List<Object[]> rows = lines.stream().limit(MAX_PER_HEARTBEAT).map(LogLine::clipped)
                .map(l -> new Object[]{nodeId, serviceId, Timestamp.from(at), l.source(), l.line()}).toList();
        jdbc.batchUpdate("INSERT INTO node_log (node_id, service_id, at, source, line) VALUES (?, ?, ?, ?, ?)", rows);
        jdbc.update("""
                DELETE FROM node_log WHERE node_id = ? AND id <= (SELECT id FROM node_log WHERE node_id = ? ORDER BY id DESC OFFSET ? LIMIT 1)""",
                nodeId, nodeId, keep);
    }

    /** The service's lines after {@code after} (0: its last {@code limit}), oldest first. */
    public List<Entry> of(String serviceId, long after, int limit) {
        if (after <= 0) {
            List<Entry> last = jdbc.query("SELECT * FROM node_log WHERE service_id = ? ORDER BY id DESC LIMIT ?", (rs, n) -> entry(rs),
                    serviceId, limit);
            List<Entry> oldestFirst = new java.util.ArrayList<>(last);
            java.util.Collections.reverse(oldestFirst);
            return oldestFirst;
        }
        return jdbc.query("SELECT * FROM node_log WHERE service_id = ? AND id > ? ORDER BY id LIMIT ?", (rs, n) -> entry(rs), serviceId,
                after, limit);
    }

    public void forget(String serviceId) {
        jdbc.update("DELETE FROM node_log WHERE service_id = ?", serviceId);
    }

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getLong("id"), rs.getString("node_id"), rs.getTimestamp("at").toInstant(), rs.getString("source"),
                rs.getString("line"));
    }
}
