package org.conpaas.contracts.node;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/** A released node is gone from its cloud; its VPN address may be given to another node. */
@EventType(value = "node.terminated", version = 1)
public record NodeTerminated(EventHeader header, NodeId nodeId, ServiceId serviceId, ApplicationId applicationId)
        implements IntegrationEvent {
}
