package org.conpaas.contracts.node;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;

import java.time.Instant;

/**
 * provisioning-service is starting a node. cert-service registers its one-time enrollment token
 * (only the token's SHA-256 travels) bound to the node's role, service and application.
 */
@EventType(value = "node.requested", version = 1)
public record NodeRequested(EventHeader header, NodeId nodeId, ServiceId serviceId, ApplicationId applicationId,
                            UserId ownerId, String role, String cloud, String enrollmentTokenSha256,
                            Instant enrollmentExpiresAt) implements IntegrationEvent {
}
