package org.conpaas.provisioning.database;

import org.conpaas.provisioning.store.PortsColumn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.List;

/** Reads and writes the mysql columns of the node table. */
@Component
class DatabaseNodes {

    private final JdbcTemplate jdbc;
    private final PortsColumn ports;
    private final RowMapper<DatabaseNode> row;

    DatabaseNodes(JdbcTemplate jdbc, PortsColumn ports) {
        this.jdbc = jdbc;
        this.ports = ports;
        this.row = (rs, n) -> new DatabaseNode(rs.getString("id"), rs.getString("state"), rs.getString("host"), ports.read(rs.getString("ports")),
                rs.getBoolean("db_member"), rs.getString("db_local_state"), (Integer) rs.getObject("db_cluster_size"),
                rs.getTimestamp("requested_at").toInstant());
    }

    /** The service's nodes that are meant to be alive, oldest first. */
    List<DatabaseNode> aliveOf(String serviceId) {
        return jdbc.query("""
                SELECT * FROM node WHERE service_id = ? AND state IN ('REQUESTED', 'BOOTING', 'ENROLLED', 'RUNNING')
                ORDER BY requested_at, id""", row, serviceId);
    }

    void report(String nodeId, DatabaseReport report) {
        jdbc.update("UPDATE node SET ports = ?, db_member = ?, db_local_state = ?, db_cluster_size = ? WHERE id = ?",
                ports.write(report.ports()), Boolean.TRUE.equals(report.member()), report.localState(), report.clusterSize(), nodeId);
    }

    void host(String nodeId, String host) {
        jdbc.update("UPDATE node SET host = ? WHERE id = ? AND host IS NULL", host, nodeId);
    }

    java.util.Optional<String> hostOf(String nodeId) {
        return jdbc.queryForList("SELECT host FROM node WHERE id = ? AND host IS NOT NULL", String.class, nodeId).stream().findFirst();
    }
}
