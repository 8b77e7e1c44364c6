package org.conpaas.cert.enrollment;

import org.conpaas.cert.authority.CaProperties;
import org.conpaas.cert.certificate.CertificateRole;
import org.conpaas.cert.certificate.CertificateSubject;
import org.conpaas.cert.certificate.SerialNumber;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.web.ApiException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * One-time node enrollment tokens: 256 random bits, handed out once, stored only as their
 * SHA-256; each binds the certificate it can buy to a role, node, service and application, and
 * expires after {@code conpaas.ca.enrollment-token-validity}.
 */
@Component
class EnrollmentTokens {

    record Binding(CertificateSubject subject, UserId owner) {
    }

    record Created(String token, Instant expiresAt) {
    }

    private final JdbcTemplate jdbc;
    private final CaProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    EnrollmentTokens(JdbcTemplate jdbc, CaProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    Created create(CertificateSubject subject, UserId owner, UserId createdBy) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.enrollmentTokenValidity());
        jdbc.update("""
                INSERT INTO enrollment_token (token_hash, role, node_id, service_id, application_id, owner_id, created_by,
                                              created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                hash(token), subject.role().value(), subject.nodeId().value(), subject.serviceId().value(),
                subject.applicationId().value(), owner.value(), createdBy.value(), Timestamp.from(now), Timestamp.from(expiresAt));
        return new Created(token, expiresAt);
    }

    /**
     * Registers a token provisioning-service created for a node it starts (it sends only the
     * token's SHA-256); registering the same hash again changes nothing.
     */
    void register(String sha256, CertificateSubject subject, UserId owner, Instant expiresAt) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("enrollment token hash must be 64 lower-case hex digits");
        }
        jdbc.update("""
                INSERT INTO enrollment_token (token_hash, role, node_id, service_id, application_id, owner_id, created_by,
                                              created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, 'provisioning-service', ?, ?) ON CONFLICT (token_hash) DO NOTHING""",
                sha256, subject.role().value(), subject.nodeId().value(), subject.serviceId().value(),
                subject.applicationId().value(), owner.value(), Timestamp.from(clock.instant()), Timestamp.from(expiresAt));
    }

    /**
     * What {@code token} was issued for, locking its row until the transaction ends; refuses a
     * token that is unknown, used or expired (401).
     */
    Binding claim(String token) {
        if (token == null || token.isBlank()) {
            throw ApiException.unauthorized("token is required: the one-time enrollment token the node was given");
        }
        List<Binding> found = jdbc.query("""
                        SELECT role, node_id, service_id, application_id, owner_id, used_at, expires_at
                        FROM enrollment_token WHERE token_hash = ? FOR UPDATE""",
                (rs, n) -> {
                    if (rs.getTimestamp("used_at") != null) {
                        throw ApiException.unauthorized("this enrollment token was used already; ask for a new one");
                    }
                    if (!rs.getTimestamp("expires_at").toInstant().isAfter(clock.instant())) {
                        throw ApiException.unauthorized("this enrollment token expired at " + rs.getTimestamp("expires_at").toInstant()
                                + "; ask for a new one");
                    }
                    return new Binding(CertificateSubject.forNode(CertificateRole.ofNode(rs.getString("role")),
                            NodeId.of(rs.getString("node_id")), ServiceId.of(rs.getString("service_id")),
                            ApplicationId.of(rs.getString("application_id"))), UserId.of(rs.getString("owner_id")));
                }, hash(token));
        if (found.isEmpty()) {
            throw ApiException.unauthorized("unknown enrollment token");
        }
        return found.get(0);
    }

    void markUsed(String token, SerialNumber serial) {
        jdbc.update("UPDATE enrollment_token SET used_at = ?, serial = ? WHERE token_hash = ?",
                Timestamp.from(clock.instant()), serial.value(), hash(token));
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
