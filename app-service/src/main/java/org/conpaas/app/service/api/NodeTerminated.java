package org.conpaas.app.service.api;

import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/** A node of the service is gone. */
public record NodeTerminated(ServiceId serviceId, NodeId nodeId) {
}
