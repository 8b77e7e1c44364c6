package org.conpaas.contracts.service;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

import java.util.List;

/** A service no longer needs these nodes (scale down, stop, failure clean-up): terminate them. */
@EventType(value = "service.nodes-released", version = 1)
public record ServiceNodesReleased(EventHeader header, ApplicationId applicationId, ServiceId serviceId,
                                   List<NodeId> nodeIds, String reason) implements IntegrationEvent {
}
