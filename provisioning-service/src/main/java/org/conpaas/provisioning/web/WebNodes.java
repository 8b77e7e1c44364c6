package org.conpaas.provisioning.web;

import org.conpaas.provisioning.store.PortsColumn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads and writes the web hosting columns of the node table. */
@Component
class WebNodes {

    private final JdbcTemplate jdbc;
    private final PortsColumn ports;
    private final RowMapper<WebNode> row;

    WebNodes(JdbcTemplate jdbc, PortsColumn ports) {
        this.jdbc = jdbc;
        this.ports = ports;
        this.row = (rs, n) -> new WebNode(rs.getString("id"), rs.getString("service_id"),
                Arrays.asList(rs.getString("web_roles").split(",")), rs.getString("agent_state"), rs.getString("host"),
                ports.read(rs.getString("ports")), (Integer) rs.getObject("running_release"), (Boolean) rs.getObject("healthy"),
                rs.getString("health_detail"), rs.getString("members_hash"), (Integer) rs.getObject("assigned_release"),
                rs.getBoolean("in_rotation"), instant(rs.getTimestamp("left_rotation_at")), instant(rs.getTimestamp("requested_at")),
                (Double) rs.getObject("response_p95_ms"), (Double) rs.getObject("request_rate"), rs.getInt("weight"));
    }

    /** The service's php/java nodes that run (state RUNNING), oldest first. */
    List<WebNode> runningOf(String serviceId) {
        return jdbc.query("""
                SELECT * FROM node WHERE service_id = ? AND state = 'RUNNING' AND web_roles IS NOT NULL
                ORDER BY requested_at, id""", row, serviceId);
    }

    /** Whether any node of the service (of any type) runs. */
    boolean anyRunning(String serviceId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM node WHERE service_id = ? AND state = 'RUNNING'", Integer.class, serviceId);
        return n != null && n > 0;
    }

    Optional<WebNode> find(String nodeId) {
        return jdbc.query("SELECT * FROM node WHERE id = ? AND web_roles IS NOT NULL", row, nodeId).stream().findFirst();
    }

    void report(String nodeId, WebReport report) {
        jdbc.update("""
                        UPDATE node SET ports = ?, running_release = ?, healthy = ?, health_detail = ?, members_hash = ?,
                                        response_p95_ms = ?, request_rate = ? WHERE id = ?""",
                ports.write(report.ports()), report.release(), report.healthy(), report.healthDetail(), report.membersHash(),
                report.responseP95Ms(), report.requestRate(), nodeId);
    }

    void host(String nodeId, String host) {
        jdbc.update("UPDATE node SET host = ? WHERE id = ? AND host IS NULL", host, nodeId);
    }

    /** Gives a node that was told nothing yet a release; false when it already had one. */
    boolean assignIfNone(String nodeId, int release) {
        return jdbc.update("UPDATE node SET assigned_release = ? WHERE id = ? AND assigned_release IS NULL", release, nodeId) > 0;
    }

    void assign(String nodeId, int release) {
        jdbc.update("UPDATE node SET assigned_release = ?, in_rotation = true, left_rotation_at = NULL WHERE id = ?", release, nodeId);
    }

    void leaveRotation(String nodeId, Instant at) {
        jdbc.update("UPDATE node SET in_rotation = false, left_rotation_at = ? WHERE id = ?", Timestamp.from(at), nodeId);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
