package org.conpaas.provisioning.node.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;

/** Start a node for a service on a cloud; {@code webRoles}: what a php or java node does (proxy, web, backend). */
public record RequestNodeCommand(@TargetAggregateIdentifier NodeId nodeId, ServiceId serviceId, ApplicationId applicationId, UserId ownerId,
                                 String role, String serviceType, String cloud, String vpnAddress, java.util.List<String> webRoles) {

    public RequestNodeCommand {
        webRoles = webRoles == null ? java.util.List.of() : java.util.List.copyOf(webRoles);
    }

    public RequestNodeCommand(NodeId nodeId, ServiceId serviceId, ApplicationId applicationId, UserId ownerId, String role,
                              String serviceType, String cloud, String vpnAddress) {
        this(nodeId, serviceId, applicationId, ownerId, role, serviceType, cloud, vpnAddress, java.util.List.of());
    }
}
