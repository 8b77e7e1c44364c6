package org.conpaas.provisioning.web;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/** How far each service's rollout got (service_rollout): the last release every node ran, the one stopped, the node rolling. */
@Component
class RolloutStates {

    record State(String serviceId, int stable, int failed, int ended, String rollingNode, Instant stepStartedAt) {
    }

    private final JdbcTemplate jdbc;
    private final ServiceReleases releases;

    RolloutStates(JdbcTemplate jdbc, ServiceReleases releases) {
        this.jdbc = jdbc;
        this.releases = releases;
    }

    State of(String serviceId) {
        jdbc.update("INSERT INTO service_rollout (service_id) VALUES (?) ON CONFLICT DO NOTHING", serviceId);
        return jdbc.queryForObject("SELECT * FROM service_rollout WHERE service_id = ?", (rs, n) -> new State(rs.getString("service_id"),
                rs.getInt("stable_release"), rs.getInt("failed_release"), rs.getInt("ended_release"), rs.getString("rolling_node"),
                rs.getTimestamp("step_started_at") == null ? null : rs.getTimestamp("step_started_at").toInstant()), serviceId);
    }

    /** The release a node told nothing yet should run: the newest, unless its rollout was stopped (then the last good one). */
    int convergingRelease(String serviceId) {
        int latest = releases.latest(serviceId).map(WebRelease::release).orElse(0);
        State state = of(serviceId);
        return latest == state.failed() && state.stable() > 0 ? state.stable() : latest;
    }

    void rolling(String serviceId, String nodeId, Instant at) {
        jdbc.update("UPDATE service_rollout SET rolling_node = ?, step_started_at = ? WHERE service_id = ?", nodeId, Timestamp.from(at),
                serviceId);
    }

    void rolledOut(String serviceId, int release) {
        jdbc.update("UPDATE service_rollout SET stable_release = ?, ended_release = ?, rolling_node = NULL WHERE service_id = ?",
                release, release, serviceId);
    }

    void stopped(String serviceId, int release) {
        jdbc.update("UPDATE service_rollout SET failed_release = ?, ended_release = ?, rolling_node = NULL WHERE service_id = ?",
                release, release, serviceId);
    }

    boolean lock(String serviceId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtext(?))", Boolean.class, serviceId));
    }
}
