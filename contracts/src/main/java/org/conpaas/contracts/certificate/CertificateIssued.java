package org.conpaas.contracts.certificate;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;

import java.time.Instant;

/**
 * The CA signed a certificate. {@code role} is user, admin, director, manager or agent;
 * {@code userId} is set for user/admin certificates, {@code nodeId}, {@code serviceId} and
 * {@code applicationId} for manager/agent certificates, {@code host} for the director's; the
 * others are null. {@code serial} is upper-case hex; {@code ownerId} may revoke it.
 */
@EventType(value = "cert.issued", version = 1)
public record CertificateIssued(EventHeader header, String serial, String subject, String role, UserId ownerId,
                                UserId userId, NodeId nodeId, ServiceId serviceId, ApplicationId applicationId,
                                String host, Instant notBefore, Instant notAfter) implements IntegrationEvent {
}
