package org.conpaas.provisioning.node;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.conpaas.provisioning.node.api.*;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Keeps the node table in step with the Node events, in the command's transaction. */
@Component
@ProcessingGroup(NodeProjection.GROUP)
class NodeProjection {

    static final String GROUP = "node-projection";

    private final JdbcTemplate jdbc;

    NodeProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(NodeRequested e, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO node (id, service_id, application_id, owner_id, role, service_type, cloud, state, vpn_address,
                                          requested_at, state_since, web_roles)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?, ?)""",
                e.nodeId().value(), e.serviceId().value(), e.applicationId().value(), e.ownerId().value(), e.role(),
                e.serviceType(), e.cloud(), e.vpnAddress(), ts(at), ts(at),
                e.webRoles() == null || e.webRoles().isEmpty() ? null : String.join(",", e.webRoles()));
    }

    @EventHandler
    void on(NodeLaunched e, @Timestamp Instant at) {
        jdbc.update("UPDATE node SET state = 'BOOTING', instance_id = ?, state_since = ? WHERE id = ?", e.instanceId(), ts(at),
                e.nodeId().value());
    }

    @EventHandler
    void on(NodeEnrolled e, @Timestamp Instant at) {
        state(e.nodeId().value(), "ENROLLED", null, at);
    }

    @EventHandler
    void on(NodeRunning e, @Timestamp Instant at) {
        jdbc.update("UPDATE node SET state = 'RUNNING', address = ?, state_since = ?, paid_until = ? WHERE id = ?", e.address(), ts(at),
                ts(at), e.nodeId().value());
    }

    /** The period billed: the watchdog bills the node again when it is over. */
    @EventHandler
    void on(NodeBilled e) {
        jdbc.update("UPDATE node SET paid_until = ? WHERE id = ?", ts(e.periodEnd()), e.nodeId().value());
    }

    @EventHandler
    void on(NodeStopping e, @Timestamp Instant at) {
        jdbc.update("UPDATE node SET state = 'STOPPING', instance_id = coalesce(?, instance_id), detail = ?, state_since = ? WHERE id = ?",
                e.instanceId(), clip(e.reason()), ts(at), e.nodeId().value());
    }

    @EventHandler
    void on(NodeFailed e, @Timestamp Instant at) {
        state(e.nodeId().value(), "FAILED", e.reason(), at);
    }

    @EventHandler
    void on(NodeTerminated e, @Timestamp Instant at) {
        jdbc.update("UPDATE node SET state = 'TERMINATED', state_since = ? WHERE id = ?", ts(at), e.nodeId().value());
    }

    /** What the owner's credit really paid (a period billed after the credit ran out adds nothing). */
    @EventHandler
    void on(NodeCharged e) {
        jdbc.update("UPDATE node SET billed_credits = billed_credits + ? WHERE id = ?", e.credits(), e.nodeId().value());
    }

    private void state(String node, String state, String detail, Instant at) {
        jdbc.update("UPDATE node SET state = ?, detail = coalesce(?, detail), state_since = ? WHERE id = ?", state, clip(detail),
                ts(at), node);
    }

    private static java.sql.Timestamp ts(Instant at) {
        return java.sql.Timestamp.from(at);
    }

    static String clip(String s) {
        return s == null || s.length() <= 1024 ? s : s.substring(0, 1023) + "…";
    }
}
