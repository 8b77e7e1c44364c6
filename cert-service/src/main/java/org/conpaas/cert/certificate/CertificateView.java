package org.conpaas.cert.certificate;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** A certificate as GET /api/ca/certificates lists it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateView(String serial, String subject, String role, String ownerId, String userId, String nodeId,
                              String serviceId, String applicationId, String host, Instant notBefore, Instant notAfter,
                              Instant issuedAt, boolean revoked, Instant revokedAt, String revocationReason) {
}
