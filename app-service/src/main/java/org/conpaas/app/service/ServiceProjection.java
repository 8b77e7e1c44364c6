package org.conpaas.app.service;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.conpaas.app.service.api.*;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Keeps service, service_node and service_history in step, in the command's transaction. */
@Component
@ProcessingGroup(ServiceProjection.GROUP)
class ServiceProjection {

    static final String GROUP = "service-projection";

    private final JdbcTemplate jdbc;

    ServiceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ServiceAdded e, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO service (id, application_id, owner_id, name, name_key, type, cloud, state, state_since, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'INIT', ?, ?)""",
                uuid(e.serviceId().value()), uuid(e.applicationId().value()), e.ownerId().value(), e.name(), key(e.name()),
                e.type(), e.cloud(), ts(at), ts(at));
    }

    @EventHandler
    void on(ServiceRenamed e) {
        jdbc.update("UPDATE service SET name = ?, name_key = ? WHERE id = ?", e.name(), key(e.name()), uuid(e.serviceId().value()));
    }

    @EventHandler
    void on(ServiceRemovalStarted e) {
        jdbc.update("UPDATE service SET removing = true WHERE id = ?", uuid(e.serviceId().value()));
    }

    @EventHandler
    void on(ServiceRemoved e) {
        jdbc.update("DELETE FROM service WHERE id = ?", uuid(e.serviceId().value()));
    }

    @EventHandler
    void on(ServiceStateChanged e, @Timestamp Instant at) {
        UUID id = uuid(e.serviceId().value());
        jdbc.update("UPDATE service SET state = ?, state_since = ? WHERE id = ?", e.to(), ts(at), id);
        jdbc.update("INSERT INTO service_history (service_id, at, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?)",
                id, ts(at), e.from(), e.to(), clip(e.reason()));
    }

    @EventHandler
    void on(NodesPlanned e, @Timestamp Instant at) {
        for (PlannedNode node : e.nodes()) {
            jdbc.update("""
                            INSERT INTO service_node (node_id, service_id, role, web_roles, stage, planned_at, updated_at)
                            VALUES (?, ?, ?, ?, 'PLANNED', ?, ?)""",
                    node.nodeId().value(), uuid(e.serviceId().value()), node.role(),
                    node.webRoles().isEmpty() ? null : String.join(",", node.webRoles()), ts(at), ts(at));
        }
    }

    @EventHandler
    void on(NodesAddressed e, @Timestamp Instant at) {
        for (AddressedNode node : e.nodes()) {
            jdbc.update("UPDATE service_node SET stage = 'REQUESTED', vpn_address = ?, cloud = COALESCE(?, cloud), updated_at = ? WHERE node_id = ?",
                    node.vpnAddress(), node.cloud() != null ? node.cloud() : e.cloud(), ts(at), node.nodeId().value());
        }
    }

    @EventHandler
    void on(NodeRan e, @Timestamp Instant at) {
        jdbc.update("UPDATE service_node SET stage = 'RUNNING', cloud = ?, address = ?, updated_at = ? WHERE node_id = ?",
                e.cloud(), e.address(), ts(at), e.nodeId().value());
    }

    @EventHandler
    void on(NodesReleased e, @Timestamp Instant at) {
        for (var node : e.nodeIds()) {
            jdbc.update("UPDATE service_node SET stage = 'RELEASING', detail = ?, updated_at = ? WHERE node_id = ?",
                    clip(e.reason()), ts(at), node.value());
        }
    }

    @EventHandler
    void on(NodeFailed e, @Timestamp Instant at) {
        jdbc.update("UPDATE service_node SET stage = 'FAILED', detail = ?, updated_at = ? WHERE node_id = ?",
                clip(e.reason()), ts(at), e.nodeId().value());
    }

    @EventHandler
    void on(NodeTerminated e, @Timestamp Instant at) {
        jdbc.update("UPDATE service_node SET stage = 'TERMINATED', updated_at = ? WHERE node_id = ?", ts(at), e.nodeId().value());
    }

    @EventHandler
    void on(CodeUploaded e, @Timestamp Instant at) {
        jdbc.update("UPDATE service SET code_version = ?, code_sha256 = ?, code_size = ? WHERE id = ?",
                e.version(), e.sha256(), e.size(), uuid(e.serviceId().value()));
        jdbc.update("INSERT INTO service_code_version (service_id, version, sha256, size, uploaded_at) VALUES (?, ?, ?, ?, ?)",
                uuid(e.serviceId().value()), e.version(), e.sha256(), e.size(), ts(at));
    }

    @EventHandler
    void on(CodeVersionsPruned e) {
        for (int version : e.versions()) {
            jdbc.update("DELETE FROM service_code_version WHERE service_id = ? AND version = ?", uuid(e.serviceId().value()), version);
        }
    }

    @EventHandler
    void on(CodeVersionRefused e, @Timestamp Instant at) {
        jdbc.update("UPDATE service_code_version SET refused_by = ?, refusal = ?, refused_at = ? WHERE service_id = ? AND version = ?",
                e.nodeId().value(), clip(e.reason()), ts(at), uuid(e.serviceId().value()), e.version());
    }

    @EventHandler
    void on(ReleaseCreated e, @Timestamp Instant at) {
        UUID id = uuid(e.serviceId().value());
        jdbc.update("""
                        UPDATE service SET release = ?, enabled_version = ?, health_path = ?, release_state = 'ROLLING_OUT',
                                           release_detail = ? WHERE id = ?""",
                e.release(), e.codeVersion(), e.healthPath(), clip(e.cause()), id);
        environment(id, e.environment(), e.secretNames());
        bindings(id, e.bindings());
        history(id, at, "release " + e.release() + ": " + e.cause());
    }

    @EventHandler
    void on(RolloutEnded e, @Timestamp Instant at) {
        UUID id = uuid(e.serviceId().value());
        String detail = e.rolledOut() ? "release " + e.release() + " rolled out" + (e.reason() == null ? "" : ": " + e.reason())
                : "release " + e.release() + " stopped at node " + e.nodeId() + ": " + e.reason() + "; the nodes run the release before";
        jdbc.update("UPDATE service SET release_state = ?, release_detail = ?, enabled_version = ?, health_path = ? WHERE id = ? AND release = ?",
                e.rolledOut() ? "ROLLED_OUT" : "STOPPED", clip(detail), e.codeVersion(), e.healthPath(), id, e.release());
        environment(id, e.environment(), e.secretNames());
        bindings(id, e.bindings());
        history(id, at, detail);
    }

    @EventHandler
    void on(NodeWeightSet e, @Timestamp Instant at) {
        jdbc.update("UPDATE service_node SET weight = ? WHERE node_id = ?", e.weight(), e.nodeId().value());
        history(uuid(e.serviceId().value()), at, "node " + e.nodeId() + " weighs " + e.weight() + " in the load balancer");
    }

    @EventHandler
    void on(AutoscalingSet e, @Timestamp Instant at) {
        UUID id = uuid(e.serviceId().value());
        if (e.on()) {
            jdbc.update("""
                            INSERT INTO service_autoscaling (service_id, target_ms, min_backends, max_backends) VALUES (?, ?, ?, ?)
                            ON CONFLICT (service_id) DO UPDATE SET target_ms = EXCLUDED.target_ms, min_backends = EXCLUDED.min_backends,
                                                                   max_backends = EXCLUDED.max_backends, above = 0, below = 0""",
                    id, e.targetResponseMs(), e.min(), e.max());
            history(id, at, "autoscaling on: p95 target " + e.targetResponseMs() + " ms, " + e.min() + " to " + e.max() + " backends");
        } else {
            jdbc.update("DELETE FROM service_autoscaling WHERE service_id = ?", id);
            history(id, at, "autoscaling off");
        }
    }

    /** A line in the history that is no move of the lifecycle: from and to are the state it happened in. */
    private void history(UUID id, Instant at, String reason) {
        jdbc.update("""
                        INSERT INTO service_history (service_id, at, from_state, to_state, reason)
                        SELECT id, ?, state, state, ? FROM service WHERE id = ?""", ts(at), clip(reason), id);
    }

    private void environment(UUID id, java.util.Map<String, String> variables, java.util.List<String> secrets) {
        jdbc.update("DELETE FROM service_environment WHERE service_id = ?", id);
        variables.forEach((name, value) -> jdbc.update("INSERT INTO service_environment (service_id, name, value, secret) VALUES (?, ?, ?, ?)",
                id, name, secrets.contains(name) ? null : value, secrets.contains(name)));
    }

    private void bindings(UUID id, java.util.List<org.conpaas.contracts.service.ServiceBinding> bindings) {
        jdbc.update("DELETE FROM service_binding WHERE service_id = ?", id);
        bindings.forEach(b -> jdbc.update("""
                        INSERT INTO service_binding (service_id, db_service_id, db_service_name, database_name) VALUES (?, ?, ?, ?)""",
                id, uuid(b.serviceId().value()), b.serviceName(), b.database()));
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static UUID uuid(String id) {
        return UUID.fromString(id);
    }

    private static java.sql.Timestamp ts(Instant at) {
        return java.sql.Timestamp.from(at);
    }

    private static String clip(String s) {
        return s == null || s.length() <= 1024 ? s : s.substring(0, 1023) + "…";
    }
}
