package org.conpaas.cert.certificate.api;

import org.conpaas.cert.certificate.CertificateRole;
import org.conpaas.cert.certificate.RevocationReason;
import org.conpaas.cert.certificate.SerialNumber;
import org.conpaas.contracts.id.UserId;

import java.time.Instant;

public record CertificateRevoked(SerialNumber serial, String subject, CertificateRole role, UserId ownerId,
                                 RevocationReason reason, Instant revokedAt) {
}
