package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

import java.util.List;

/** Nodes the service no longer wants; provisioning terminates them. */
public record NodesReleased(ServiceId serviceId, ApplicationId applicationId, List<NodeId> nodeIds, String reason) {
}
