package org.conpaas.contracts.certificate;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.UserId;

import java.time.Instant;

/**
 * A certificate was revoked and is on the CA's CRL from now on. {@code reason} is an RFC 5280
 * reason name (unspecified, keyCompromise, affiliationChanged, superseded, cessationOfOperation,
 * privilegeWithdrawn).
 */
@EventType(value = "cert.revoked", version = 1)
public record CertificateRevoked(EventHeader header, String serial, String subject, String role, UserId ownerId,
                                 String reason, Instant revokedAt) implements IntegrationEvent {
}
