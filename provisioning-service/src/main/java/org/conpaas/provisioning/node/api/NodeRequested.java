package org.conpaas.provisioning.node.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;

/** A node was asked for; {@code webRoles} for php and java nodes (null in events from before web hosting). */
public record NodeRequested(NodeId nodeId, ServiceId serviceId, ApplicationId applicationId, UserId ownerId, String role, String serviceType,
                            String cloud, String vpnAddress, java.util.List<String> webRoles) {

    public NodeRequested(NodeId nodeId, ServiceId serviceId, ApplicationId applicationId, UserId ownerId, String role, String serviceType,
                         String cloud, String vpnAddress) {
        this(nodeId, serviceId, applicationId, ownerId, role, serviceType, cloud, vpnAddress, java.util.List.of());
    }
}
