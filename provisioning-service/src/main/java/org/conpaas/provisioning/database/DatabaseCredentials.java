package org.conpaas.provisioning.database;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * A mysql service's passwords: the agents' account on their servers (made once, 32 random letters
 * and digits, told only to the service's own nodes) and the admin password the user set, kept only
 * until a node reports it applied; never in an event or a log.
 */
@Component
class DatabaseCredentials {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An admin password not applied yet, with its number. */
    record PendingPassword(long serial, String password) {
        @Override
        public String toString() {
            return "PendingPassword[" + serial + "]";
        }
    }

    /** Where the admin password stands: none set, set (applied) or waiting for a node. */
    record AdminState(boolean set, boolean pending, Instant setAt) {
    }

    private final JdbcTemplate jdbc;

    DatabaseCredentials(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String agentPassword(String serviceId) {
        jdbc.update("INSERT INTO database_service (service_id, agent_password) VALUES (?, ?) ON CONFLICT (service_id) DO NOTHING",
                serviceId, random(32));
        return jdbc.queryForObject("SELECT agent_password FROM database_service WHERE service_id = ?", String.class, serviceId);
    }

    void setAdminPassword(String serviceId, String password, Instant at) {
        agentPassword(serviceId);
        jdbc.update("UPDATE database_service SET admin_password = ?, admin_serial = admin_serial + 1, admin_set_at = ? WHERE service_id = ?",
                password, Timestamp.from(at), serviceId);
    }

    Optional<PendingPassword> pending(String serviceId) {
        return jdbc.query("SELECT admin_serial, admin_password FROM database_service WHERE service_id = ? AND admin_password IS NOT NULL",
                (rs, n) -> new PendingPassword(rs.getLong(1), rs.getString(2)), serviceId).stream().findFirst();
    }

    /** A node applied admin password {@code serial}: the password is forgotten once the newest one is. */
    void applied(String serviceId, long serial) {
        jdbc.update("""
                UPDATE database_service SET applied_serial = GREATEST(applied_serial, ?),
                       admin_password = CASE WHEN ? >= admin_serial THEN NULL ELSE admin_password END
                WHERE service_id = ? AND ? <= admin_serial""", serial, serial, serviceId, serial);
    }

    AdminState adminState(String serviceId) {
        return jdbc.query("SELECT admin_serial, admin_password IS NOT NULL AS pending, admin_set_at FROM database_service WHERE service_id = ?",
                (rs, n) -> new AdminState(rs.getLong(1) > 0 && !rs.getBoolean(2), rs.getBoolean(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()), serviceId)
                .stream().findFirst().orElse(new AdminState(false, false, null));
    }

    /** The service ended: its passwords with it. */
    void forget(String serviceId) {
        jdbc.update("DELETE FROM database_service WHERE service_id = ?", serviceId);
    }

    static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
