package org.conpaas.cert.certificate;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.conpaas.cert.certificate.api.CertificateIssued;
import org.conpaas.cert.certificate.api.CertificateRevoked;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Keeps the {@code certificate} table in step with the events, and signs a new CRL on every
 * revocation, in the command's own transaction (subscribing processor, propagating errors): a
 * revocation is never stored without its CRL.
 */
@Component
@ProcessingGroup(CertificateProjection.GROUP)
class CertificateProjection {

    static final String GROUP = "certificate-projection";

    private final JdbcTemplate jdbc;
    private final RevocationList revocationList;

    CertificateProjection(JdbcTemplate jdbc, RevocationList revocationList) {
        this.jdbc = jdbc;
        this.revocationList = revocationList;
    }

    @EventHandler
    void on(CertificateIssued event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO certificate (serial, subject, role, owner_id, user_id, node_id, service_id, application_id, host,
                                         not_before, not_after, certificate_pem, issued_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.serial().value(), event.subject(), event.role().value(), text(event.ownerId()), text(event.userId()),
                text(event.nodeId()), text(event.serviceId()), text(event.applicationId()), event.host(),
                java.sql.Timestamp.from(event.notBefore()), java.sql.Timestamp.from(event.notAfter()), event.certificatePem(),
                java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(CertificateRevoked event) {
        jdbc.update("UPDATE certificate SET revoked_at = ?, revocation_reason = ? WHERE serial = ?",
                java.sql.Timestamp.from(event.revokedAt()), event.reason().value(), event.serial().value());
        revocationList.reissueBeforeCommit();
    }

    private static String text(Object id) {
        return id == null ? null : id.toString();
    }
}
