package org.conpaas.app.service.api;

import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/** A node of the service failed. */
public record NodeFailed(ServiceId serviceId, NodeId nodeId, String reason) {
}
