package org.conpaas.app.application;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.conpaas.app.application.api.ApplicationCreated;
import org.conpaas.app.application.api.ApplicationDeleted;
import org.conpaas.app.application.api.ApplicationDeletionStarted;
import org.conpaas.app.application.api.ApplicationRenamed;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

/**
 * Keeps the {@code application} table in step with the events. Runs in the command's own
 * transaction (subscribing processor with a propagating error handler), so the unique
 * (owner, name) constraint refuses a duplicate name together with the command that made it.
 */
@Component
@ProcessingGroup(ApplicationProjection.GROUP)
class ApplicationProjection {

    static final String GROUP = "application-projection";

    private final JdbcTemplate jdbc;

    ApplicationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ApplicationCreated event, @Timestamp Instant at) {
        jdbc.update("INSERT INTO application (id, owner_id, name, name_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                UUID.fromString(event.applicationId().value()), event.ownerId().value(), event.name(),
                ApplicationName.keyOf(event.name()), java.sql.Timestamp.from(at), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(ApplicationRenamed event, @Timestamp Instant at) {
        jdbc.update("UPDATE application SET name = ?, name_key = ?, updated_at = ? WHERE id = ?",
                event.name(), ApplicationName.keyOf(event.name()), java.sql.Timestamp.from(at),
                UUID.fromString(event.applicationId().value()));
    }

    @EventHandler
    void on(ApplicationDeletionStarted event, @Timestamp Instant at) {
        jdbc.update("UPDATE application SET state = 'DELETING', updated_at = ? WHERE id = ?", java.sql.Timestamp.from(at),
                UUID.fromString(event.applicationId().value()));
    }

    @EventHandler
    void on(ApplicationDeleted event) {
        jdbc.update("DELETE FROM application WHERE id = ?", UUID.fromString(event.applicationId().value()));
    }
}
