package org.conpaas.identity.token;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.conpaas.identity.user.api.UserDisabled;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A disabled user's refresh tokens are used up with the disabling (in its transaction): enabling
 * the user again does not revive the old sessions, the user logs in anew. Their access tokens
 * are refused everywhere through user.disabled.
 */
@Component
@ProcessingGroup("user-projection")
class DisabledUsersSessions {

    private final JdbcTemplate jdbc;

    DisabledUsersSessions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserDisabled event) {
        jdbc.update("UPDATE refresh_token SET used = true, provider_id_token = NULL WHERE user_id = ? AND NOT used",
                event.userId().value());
    }
}
