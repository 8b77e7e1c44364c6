package org.conpaas.app.service;

import org.conpaas.contracts.api.service.ServiceView;
import org.conpaas.contracts.api.service.ServiceView.CodeVersionView;
import org.conpaas.contracts.api.service.ServiceView.NodeView;
import org.conpaas.contracts.api.service.ServiceView.ReleaseView;
import org.conpaas.contracts.api.service.ServiceView.VariableView;
import org.conpaas.contracts.api.service.ServiceView.StateChangeView;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads services, their nodes and history, owners' credit and services stuck in a transition. */
@Component
public class ServiceQueries {

    private final JdbcTemplate jdbc;

    ServiceQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ServiceView> find(ApplicationId app, ServiceId id) {
        return uuid(id.value()).flatMap(sid -> uuid(app.value()).flatMap(aid ->
                jdbc.query("SELECT * FROM service WHERE id = ? AND application_id = ?", (rs, n) -> view(rs, true), sid, aid)
                        .stream().findFirst()));
    }

    public List<ServiceView> ofApplication(ApplicationId app) {
        return uuid(app.value()).map(aid -> jdbc.query("SELECT * FROM service WHERE application_id = ? ORDER BY created_at, id",
                (rs, n) -> view(rs, false), aid)).orElse(List.of());
    }

    public int countOf(ApplicationId app) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM service WHERE application_id = ?", Integer.class,
                UUID.fromString(app.value()));
        return n == null ? 0 : n;
    }

    public boolean nameTaken(ApplicationId app, String name) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM service WHERE application_id = ? AND name_key = ?", Integer.class,
                UUID.fromString(app.value()), ServiceProjection.key(name));
        return n != null && n > 0;
    }

    /** The services (id, state) of an owner that hold or are getting nodes. */
    public List<ServiceId> activeOf(UserId owner) {
        return jdbc.queryForList("SELECT id FROM service WHERE owner_id = ? AND state IN ('PROLOGUE', 'RUNNING', 'ADAPTING')",
                UUID.class, owner.value()).stream().map(id -> ServiceId.of(id.toString())).toList();
    }

    /** The names of the services whose current release is bound to mysql service {@code database}. */
    public List<String> boundTo(ServiceId database) {
        return uuid(database.value()).map(id -> jdbc.queryForList("""
                SELECT s.name FROM service_binding b JOIN service s ON s.id = b.service_id WHERE b.db_service_id = ? ORDER BY s.name""",
                String.class, id)).orElse(List.of());
    }

    /** Services whose start, scaling or stop began before {@code before}. */
    public List<ServiceId> inTransitionSince(Instant before) {
        return jdbc.queryForList("SELECT id FROM service WHERE state IN ('PROLOGUE', 'ADAPTING', 'EPILOGUE') AND state_since < ?",
                UUID.class, Timestamp.from(before)).stream().map(id -> ServiceId.of(id.toString())).toList();
    }

    /** The service a node belongs to, if this node was ever planned. */
    public Optional<ServiceId> serviceOfNode(String nodeId) {
        return jdbc.queryForList("SELECT service_id FROM service_node WHERE node_id = ?", UUID.class, nodeId).stream()
                .findFirst().map(id -> ServiceId.of(id.toString()));
    }

    /** The owner's credit as identity-service last reported it; empty when never heard of. */
    public Optional<Long> creditOf(UserId owner) {
        return jdbc.queryForList("SELECT balance FROM owner_credit WHERE owner_id = ?", Long.class, owner.value()).stream().findFirst();
    }

    private ServiceView view(ResultSet rs, boolean full) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<NodeView> nodes = jdbc.query("""
                        SELECT * FROM service_node WHERE service_id = ? AND (? OR stage NOT IN ('TERMINATED', 'FAILED'))
                        ORDER BY seq""",
                (n, i) -> new NodeView(n.getString("node_id"), n.getString("role"), webRoles(n.getString("web_roles")),
                        n.getString("stage"), n.getString("cloud"), n.getString("address"), n.getString("vpn_address"),
                        n.getString("detail"), n.getTimestamp("updated_at").toInstant(), n.getInt("weight")), id, full);
        List<StateChangeView> history = full ? jdbc.query(
                "SELECT at, from_state, to_state, reason FROM service_history WHERE service_id = ? ORDER BY id",
                (h, i) -> new StateChangeView(h.getTimestamp("at").toInstant(), h.getString("from_state"), h.getString("to_state"),
                        h.getString("reason")), id) : List.of();
        List<CodeVersionView> versions = full ? jdbc.query(
                "SELECT * FROM service_code_version WHERE service_id = ? ORDER BY version",
                (v, i) -> new CodeVersionView(v.getInt("version"), v.getString("sha256"), v.getLong("size"),
                        v.getTimestamp("uploaded_at").toInstant(), v.getString("refused_by"), v.getString("refusal")), id) : List.of();
        List<VariableView> environment = full ? jdbc.query(
                "SELECT name, value, secret FROM service_environment WHERE service_id = ? ORDER BY name",
                (v, i) -> new VariableView(v.getString("name"), v.getString("value"), v.getBoolean("secret")), id) : List.of();
        List<ServiceView.BindingView> bindings = full ? jdbc.query("""
                        SELECT b.db_service_id, coalesce(s.name, b.db_service_name) AS name, b.database_name FROM service_binding b
                        LEFT JOIN service s ON s.id = b.db_service_id WHERE b.service_id = ? ORDER BY name""",
                (b, i) -> new ServiceView.BindingView(b.getString(1), b.getString(2), b.getString(3)), id) : List.of();
        ReleaseView release = rs.getInt("release") == 0 ? null : new ReleaseView(rs.getInt("release"), rs.getInt("enabled_version"),
                rs.getString("health_path"), rs.getString("release_state"), rs.getString("release_detail"));
        return new ServiceView(id.toString(), rs.getString("application_id"), rs.getString("owner_id"), rs.getString("name"),
                rs.getString("type"), rs.getString("cloud"), rs.getString("state"), rs.getTimestamp("state_since").toInstant(),
                rs.getInt("code_version"), rs.getString("code_sha256"), rs.getTimestamp("created_at").toInstant(), rs.getBoolean("removing"),
                nodes, history, versions, url(nodes), release, environment, autoscaling(id, rs, full), bindings);
    }

    private ServiceView.AutoscalingView autoscaling(UUID id, ResultSet rs, boolean full) throws SQLException {
        if (!full || !List.of("php", "java").contains(rs.getString("type"))) {
            return null;
        }
        Double p95 = (Double) rs.getObject("last_p95_ms");
        Double rate = (Double) rs.getObject("last_request_rate");
        return jdbc.query("SELECT * FROM service_autoscaling WHERE service_id = ?", (a, i) -> new ServiceView.AutoscalingView(true,
                        a.getInt("target_ms"), a.getInt("min_backends"), a.getInt("max_backends"), p95, rate), id).stream().findFirst()
                .orElse(new ServiceView.AutoscalingView(false, null, null, null, p95, rate));
    }

    /** A web hosting service's address: its oldest running proxy node's (host:port it reported). */
    private static String url(List<NodeView> nodes) {
        return nodes.stream().filter(n -> n.webRoles().contains("proxy") && "RUNNING".equals(n.state()) && n.address() != null
                        && n.address().contains(":"))
                .findFirst().map(n -> "http://" + n.address() + "/").orElse(null);
    }

    private static List<String> webRoles(String stored) {
        return stored == null || stored.isBlank() ? List.of() : List.of(stored.split(","));
    }

    private static Optional<UUID> uuid(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
