package org.conpaas.contracts.service;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/** The owner gave a php or java node a load-balancer weight (1 to 100): its proxies send it that share of requests. */
@EventType(value = "service.node-weight-set", version = 1)
public record ServiceNodeWeightSet(EventHeader header, ApplicationId applicationId, ServiceId serviceId, NodeId nodeId, int weight)
        implements IntegrationEvent {
}
