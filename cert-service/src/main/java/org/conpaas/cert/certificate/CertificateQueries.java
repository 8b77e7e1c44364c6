package org.conpaas.cert.certificate;

import org.conpaas.contracts.id.UserId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the certificate read model. */
@Component
public class CertificateQueries {

    private static final String COLUMNS = "SELECT serial, subject, role, owner_id, user_id, node_id, service_id, application_id, "
            + "host, not_before, not_after, issued_at, revoked_at, revocation_reason FROM certificate ";
    private static final RowMapper<CertificateView> VIEW = (rs, n) -> new CertificateView(
            rs.getString("serial"), rs.getString("subject"), rs.getString("role"), rs.getString("owner_id"),
            rs.getString("user_id"), rs.getString("node_id"), rs.getString("service_id"), rs.getString("application_id"),
            rs.getString("host"), instant(rs, "not_before"), instant(rs, "not_after"), instant(rs, "issued_at"),
            rs.getTimestamp("revoked_at") != null, instant(rs, "revoked_at"), rs.getString("revocation_reason"));

    private final JdbcTemplate jdbc;

    CertificateQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CertificateView> find(SerialNumber serial) {
        return jdbc.query(COLUMNS + "WHERE serial = ?", VIEW, serial.value()).stream().findFirst();
    }

    public List<CertificateView> all() {
        return jdbc.query(COLUMNS + "ORDER BY issued_at, serial", VIEW);
    }

    public List<CertificateView> ownedBy(UserId owner) {
        return jdbc.query(COLUMNS + "WHERE owner_id = ? ORDER BY issued_at, serial", VIEW, owner.value());
    }

    /** Director certificates still in force whose host is not {@code host}. */
    public List<SerialNumber> directorsNotFor(String host) {
        return jdbc.queryForList("SELECT serial FROM certificate WHERE role = 'director' AND revoked_at IS NULL AND host <> ?",
                String.class, host).stream().map(SerialNumber::new).toList();
    }

    /** The certificates of node {@code nodeId} not yet revoked. */
    public List<SerialNumber> inForceForNode(String nodeId) {
        return jdbc.queryForList("SELECT serial FROM certificate WHERE node_id = ? AND revoked_at IS NULL", String.class, nodeId)
                .stream().map(SerialNumber::new).toList();
    }

    /** The user (and administrator) certificates of {@code owner} not yet revoked: not their nodes'. */
    public List<SerialNumber> userCertificatesInForce(UserId owner) {
        return jdbc.queryForList("SELECT serial FROM certificate WHERE owner_id = ? AND role IN ('user', 'admin') AND revoked_at IS NULL",
                String.class, owner.value()).stream().map(SerialNumber::new).toList();
    }

    public String certificatePem(SerialNumber serial) {
        return jdbc.queryForObject("SELECT certificate_pem FROM certificate WHERE serial = ?", String.class, serial.value());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
