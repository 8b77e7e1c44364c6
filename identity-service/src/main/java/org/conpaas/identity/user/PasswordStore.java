package org.conpaas.identity.user;

import org.conpaas.contracts.id.UserId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The credential store: each user's bcrypt hash, keyed by user id, in the {@code credential} table
 * and nowhere else (not in events, which are kept for ever, nor in the users read model). Written
 * in the transaction of the command that registers the user or changes the password. There is no
 * user deletion yet: a row goes with its user's row in {@code users} (ON DELETE CASCADE).
 */
@Component
class PasswordStore {

    private final JdbcTemplate jdbc;

    PasswordStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps {@code hash} as the user's only password hash (the user's row must exist: same transaction). */
    void keep(UserId user, String hash) {
        jdbc.update("INSERT INTO credential (user_id, password_hash, changed_at) VALUES (?, ?, now()) "
                + "ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, changed_at = now()", user.value(), hash);
    }
}
