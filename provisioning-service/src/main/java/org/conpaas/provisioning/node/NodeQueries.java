package org.conpaas.provisioning.node;

import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.UserId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the node table. */
@Component
class NodeQueries {

    private static final RowMapper<NodeView> VIEW = (rs, n) -> new NodeView(rs.getString("id"), rs.getString("service_id"),
            rs.getString("application_id"), rs.getString("owner_id"), rs.getString("role"), rs.getString("service_type"),
            rs.getString("cloud"), rs.getString("instance_id"), rs.getString("state"), rs.getString("vpn_address"),
            rs.getString("address"), rs.getString("detail"), rs.getTimestamp("requested_at").toInstant(),
            rs.getTimestamp("state_since").toInstant(),
            rs.getTimestamp("last_heartbeat") == null ? null : rs.getTimestamp("last_heartbeat").toInstant(),
            rs.getString("agent_state"), rs.getString("agent_detail"), rs.getString("log_tail"), rs.getLong("billed_credits"),
            rs.getString("web_roles") == null ? List.of() : List.of(rs.getString("web_roles").split(",")), ports(rs.getString("ports")),
            (Integer) rs.getObject("running_release"), rs.getString("health_detail"));
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final JdbcTemplate jdbc;

    private static java.util.Map<String, Integer> ports(String stored) {
        try {
            return stored == null ? java.util.Map.of()
                    : JSON.readValue(stored, new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Integer>>() {
                    });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return java.util.Map.of();
        }
    }

    NodeQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<NodeView> find(NodeId id) {
        return jdbc.query("SELECT * FROM node WHERE id = ?", VIEW, id.value()).stream().findFirst();
    }

    List<NodeView> all() {
        return jdbc.query("SELECT * FROM node ORDER BY requested_at, id", VIEW);
    }

    List<NodeView> ownedBy(UserId owner) {
        return jdbc.query("SELECT * FROM node WHERE owner_id = ? ORDER BY requested_at, id", VIEW, owner.value());
    }

    List<NodeView> inState(String state, Instant since) {
        return jdbc.query("SELECT * FROM node WHERE state = ? AND state_since < ? ORDER BY state_since", VIEW, state,
                Timestamp.from(since));
    }

    /** Running nodes whose paid period is over at {@code now} (or not known: nodes from before paid_until was kept). */
    List<NodeView> billingDue(Instant now) {
        return jdbc.query("SELECT * FROM node WHERE state = 'RUNNING' AND (paid_until IS NULL OR paid_until <= ?) ORDER BY paid_until",
                VIEW, Timestamp.from(now));
    }

    List<NodeView> alive() {
        return jdbc.query("SELECT * FROM node WHERE state IN ('REQUESTED', 'BOOTING', 'ENROLLED', 'RUNNING') ORDER BY requested_at", VIEW);
    }

    List<NodeView> runningSilentSince(Instant before) {
        return jdbc.query("SELECT * FROM node WHERE state = 'RUNNING' AND coalesce(last_heartbeat, state_since) < ?", VIEW,
                Timestamp.from(before));
    }

    /** The states of those of {@code nodeIds} this deployment tracked, by node id (orphan check, one query a round). */
    java.util.Map<String, String> statesOf(java.util.Collection<String> nodeIds) {
        java.util.Map<String, String> states = new java.util.HashMap<>();
        if (nodeIds.isEmpty()) {
            return states;
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT id, state FROM node WHERE id = ANY(?)");
            statement.setArray(1, connection.createArrayOf("varchar", nodeIds.toArray()));
            return statement;
        }, (java.sql.ResultSet row) -> {
            states.put(row.getString("id"), row.getString("state"));
        });
        return states;
    }

    /** Every node id this deployment ever tracked with its state (orphan check). */
    Optional<String> stateOf(String nodeId) {
        return jdbc.queryForList("SELECT state FROM node WHERE id = ?", String.class, nodeId).stream().findFirst();
    }

    Optional<Integer> codeVersionOf(String serviceId) {
        return jdbc.queryForList("SELECT version FROM service_code WHERE service_id = ?", Integer.class, serviceId).stream().findFirst();
    }
}
