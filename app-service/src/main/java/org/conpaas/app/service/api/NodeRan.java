package org.conpaas.app.service.api;

import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/** A node of the service runs. */
public record NodeRan(ServiceId serviceId, NodeId nodeId, String cloud, String address) {
}
