package org.conpaas.provisioning.node.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;

/** A node was asked for. */
public record NodeRequested(NodeId nodeId, ServiceId serviceId, ApplicationId applicationId, UserId ownerId, String role, String serviceType, String cloud, String vpnAddress) {
}
