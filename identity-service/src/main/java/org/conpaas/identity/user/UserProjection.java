package org.conpaas.identity.user;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.conpaas.identity.user.api.CreditAdjusted;
import org.conpaas.identity.user.api.ExternalIdentityLinked;
import org.conpaas.identity.user.api.UserDisabled;
import org.conpaas.identity.user.api.UserEnabled;
import org.conpaas.identity.user.api.UserRegistered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Keeps the {@code users} table in step with the events, in the command's transaction. */
@Component
@ProcessingGroup(UserProjection.GROUP)
class UserProjection {

    static final String GROUP = "user-projection";

    private final JdbcTemplate jdbc;

    UserProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserRegistered e, @Timestamp Instant at) {
        jdbc.update("INSERT INTO users (id, username, email, affiliation, role, credit, enabled, created_at, external_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, true, ?, ?)",
                e.userId().value(), e.username(), e.email(), e.affiliation(), e.role().claim(),
                e.credit(), java.sql.Timestamp.from(at), e.externalId());
        ExternalIdentity external = ExternalIdentity.parse(e.externalId());
        if (external != null) {
            link(e.userId().value(), external, at);
        }
    }

    /** A subject another user already has violates the primary key: the command is rolled back. */
    @EventHandler
    void on(ExternalIdentityLinked e, @Timestamp Instant at) {
        ExternalIdentity external = new ExternalIdentity(e.issuer(), e.subject());
        link(e.userId().value(), external, at);
        jdbc.update("UPDATE users SET external_id = ? WHERE id = ?", external.value(), e.userId().value());
    }

    private void link(String userId, ExternalIdentity external, Instant at) {
        jdbc.update("INSERT INTO external_identity (issuer, subject, user_id, linked_at) VALUES (?, ?, ?, ?)",
                external.issuer(), external.subject(), userId, java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(CreditAdjusted e) {
        jdbc.update("UPDATE users SET credit = ? WHERE id = ?", e.balance(), e.userId().value());
    }

    @EventHandler
    void on(UserDisabled e) {
        jdbc.update("UPDATE users SET enabled = false WHERE id = ?", e.userId().value());
        jdbc.update("DELETE FROM refresh_token WHERE user_id = ?", e.userId().value());
    }

    @EventHandler
    void on(UserEnabled e) {
        jdbc.update("UPDATE users SET enabled = true WHERE id = ?", e.userId().value());
    }
}
