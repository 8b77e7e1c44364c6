package org.conpaas.provisioning.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.conpaas.contracts.service.ServiceBinding;
import org.conpaas.contracts.service.ServiceReleaseCreated;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The releases app-service made of each service (service.release-created), and the code version
 * the nodes of a generic or web service run: the newest release's.
 */
@Component
public class ServiceReleases {

    private static final TypeReference<Map<String, String>> ENVIRONMENT = new TypeReference<>() {
    };
    private static final TypeReference<List<ServiceBinding>> BINDINGS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RowMapper<WebRelease> row;

    ServiceReleases(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.row = (rs, n) -> new WebRelease(rs.getInt("release"), rs.getInt("code_version"), environment(rs.getString("environment")),
                rs.getString("health_path"), bindings(rs.getString("bindings")));
    }

    /** Keeps a new release (once: a redelivered event changes nothing) and makes it the one generic and web nodes run. */
    public void record(ServiceReleaseCreated e) {
        String environment;
        String bindings;
        try {
            environment = json.writeValueAsString(e.environment());
            bindings = json.writeValueAsString(e.bindings());
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("release not serialisable", impossible);
        }
        jdbc.update("""
                        INSERT INTO service_release (service_id, release, application_id, service_type, code_version, environment,
                                                     health_path, created_at, bindings)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                e.serviceId().value(), e.release(), e.applicationId().value(), e.serviceType(), e.codeVersion(), environment,
                e.healthPath() == null ? "/" : e.healthPath(), Timestamp.from(e.header().occurredAt()), bindings);
        if (e.codeVersion() > 0) {
            jdbc.update("""
                            INSERT INTO service_code (service_id, version, release) VALUES (?, ?, ?)
                            ON CONFLICT (service_id) DO UPDATE SET version = EXCLUDED.version, release = EXCLUDED.release
                            WHERE service_code.release < EXCLUDED.release""",
                    e.serviceId().value(), e.codeVersion(), e.release());
        }
    }

    /** A removed service's releases and rollout go with it. */
    public void forget(String serviceId) {
        jdbc.update("DELETE FROM service_release WHERE service_id = ?", serviceId);
        jdbc.update("DELETE FROM service_rollout WHERE service_id = ?", serviceId);
    }

    public Optional<WebRelease> latest(String serviceId) {
        return jdbc.query("SELECT * FROM service_release WHERE service_id = ? ORDER BY release DESC LIMIT 1", row, serviceId)
                .stream().findFirst();
    }

    public Optional<WebRelease> find(String serviceId, int release) {
        return jdbc.query("SELECT * FROM service_release WHERE service_id = ? AND release = ?", row, serviceId, release).stream().findFirst();
    }

    Optional<String> applicationOf(String serviceId) {
        return jdbc.queryForList("SELECT application_id FROM service_release WHERE service_id = ? LIMIT 1", String.class, serviceId)
                .stream().findFirst();
    }

    /** When the newest release was made (rollouts of types without health checks end once every node heard of it). */
    Optional<java.time.Instant> createdAt(String serviceId, int release) {
        return jdbc.queryForList("SELECT created_at FROM service_release WHERE service_id = ? AND release = ?", Timestamp.class,
                serviceId, release).stream().findFirst().map(Timestamp::toInstant);
    }

    /** Services with a release whose rollout has not ended. */
    List<String> withRolloutOpen() {
        return jdbc.queryForList("""
                SELECT r.service_id FROM (SELECT service_id, max(release) AS release FROM service_release GROUP BY service_id) r
                LEFT JOIN service_rollout o ON o.service_id = r.service_id
                WHERE o.service_id IS NULL OR o.ended_release < r.release OR o.rolling_node IS NOT NULL
                   OR EXISTS (SELECT 1 FROM node n WHERE n.service_id = r.service_id AND n.state = 'RUNNING' AND n.web_roles IS NOT NULL
                              AND (n.assigned_release IS NULL OR n.assigned_release <> o.stable_release))""", String.class);
    }

    private List<ServiceBinding> bindings(String stored) {
        try {
            return stored == null ? List.of() : json.readValue(stored, BINDINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("service_release.bindings is not a JSON list of bindings", e);
        }
    }

    private Map<String, String> environment(String stored) {
        try {
            return stored == null ? Map.of() : json.readValue(stored, ENVIRONMENT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("service_release.environment is not a JSON object", e);
        }
    }
}
