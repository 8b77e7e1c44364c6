package org.conpaas.contracts.node;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;

import java.time.Instant;

/** A running node's billing period began: identity-service charges {@code credits} to the owner. */
@EventType(value = "node.billed", version = 1)
public record NodeBilled(EventHeader header, NodeId nodeId, ServiceId serviceId, ApplicationId applicationId, UserId ownerId,
                         long credits, Instant periodStart, Instant periodEnd) implements IntegrationEvent {
}
