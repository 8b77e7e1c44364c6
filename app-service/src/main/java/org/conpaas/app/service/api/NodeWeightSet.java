package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/** A php or java node's load-balancer weight: its proxies send it that share of requests. */
public record NodeWeightSet(ServiceId serviceId, ApplicationId applicationId, NodeId nodeId, int weight) {
}
