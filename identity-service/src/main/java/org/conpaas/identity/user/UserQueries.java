package org.conpaas.identity.user;

import org.conpaas.contracts.api.identity.UserView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Reads the users read model. */
@Component
public class UserQueries {

    /** What login needs: never leaves the service. */
    public record Credentials(String id, String username, String passwordHash, String role, boolean enabled) {
    }

    private static final String VIEW_COLUMNS = "SELECT id, username, email, affiliation, role, credit, enabled, created_at, external_id FROM users ";
    private static final RowMapper<UserView> VIEW = (rs, n) -> new UserView(rs.getString("id"), rs.getString("username"),
            rs.getString("email"), rs.getString("affiliation"), rs.getString("role"), rs.getLong("credit"),
            rs.getBoolean("enabled"), rs.getTimestamp("created_at").toInstant(), rs.getString("external_id"));

    /** The hash comes from the credential store (PasswordStore); null for a user without one. */
    private static final String CREDENTIALS = "SELECT u.id, u.username, c.password_hash, u.role, u.enabled FROM users u "
            + "LEFT JOIN credential c ON c.user_id = u.id ";

    private final JdbcTemplate jdbc;

    UserQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserView> find(String id) {
        return jdbc.query(VIEW_COLUMNS + "WHERE id = ?", VIEW, id).stream().findFirst();
    }

    public List<UserView> all() {
        return jdbc.query(VIEW_COLUMNS + "ORDER BY created_at, username", VIEW);
    }

    public Optional<Credentials> credentialsByUsername(String username) {
        return credentials("username", username);
    }

    public Optional<Credentials> credentialsById(String id) {
        return credentials("id", id);
    }

    /** The user who signs in as this external identity, if one does. */
    public Optional<Credentials> credentialsByExternalIdentity(ExternalIdentity identity) {
        return jdbc.query(CREDENTIALS + "JOIN external_identity x ON x.user_id = u.id WHERE x.issuer = ? AND x.subject = ?",
                (rs, n) -> new Credentials(rs.getString("id"), rs.getString("username"), rs.getString("password_hash"),
                        rs.getString("role"), rs.getBoolean("enabled")), identity.issuer(), identity.subject()).stream().findFirst();
    }

    /** Every external identity the user signs in as. */
    public List<ExternalIdentity> externalIdentities(String userId) {
        return jdbc.query("SELECT issuer, subject FROM external_identity WHERE user_id = ? ORDER BY linked_at",
                (rs, n) -> new ExternalIdentity(rs.getString("issuer"), rs.getString("subject")), userId);
    }

    public boolean usernameTaken(Username username) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM users WHERE username = ?", Integer.class, username.value());
        return n != null && n > 0;
    }

    public boolean adminExists() {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM users WHERE role = 'admin'", Integer.class);
        return n != null && n > 0;
    }

    private Optional<Credentials> credentials(String column, String value) {
        return jdbc.query(CREDENTIALS + "WHERE u." + column + " = ?",
                (rs, n) -> new Credentials(rs.getString("id"), rs.getString("username"), rs.getString("password_hash"),
                        rs.getString("role"), rs.getBoolean("enabled")), value).stream().findFirst();
    }
}
