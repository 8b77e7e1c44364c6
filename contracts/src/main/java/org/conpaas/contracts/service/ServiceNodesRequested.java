package org.conpaas.contracts.service;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;

import java.util.List;

/**
 * Nodes a service needs, each with its role and VPN address: provisioning-service starts them on
 * {@code cloud} (null: the default cloud) unless a node names its own. {@code serviceType} tells the node what to run.
 * Version 2: each node's {@code webRoles} (proxy, web, backend) for the web hosting types php and java;
 * a version 1 message reads as nodes without web roles.
 */
@EventType(value = "service.nodes-requested", version = 2, alsoReads = 1)
public record ServiceNodesRequested(EventHeader header, ApplicationId applicationId, ServiceId serviceId, UserId ownerId,
                                    String serviceType, String cloud, List<RequestedNode> nodes) implements IntegrationEvent {

    /**
     * A node to start; {@code cloud}, when set, overrides the event's (a service spread over clouds);
     * {@code webRoles}: what a php or java node does (empty for the other types).
     */
    public record RequestedNode(NodeId nodeId, String role, String vpnAddress, String cloud, List<String> webRoles) {

        public RequestedNode {
            webRoles = webRoles == null ? List.of() : List.copyOf(webRoles);
        }

        public RequestedNode(NodeId nodeId, String role, String vpnAddress, String cloud) {
            this(nodeId, role, vpnAddress, cloud, List.of());
        }

        public RequestedNode(NodeId nodeId, String role, String vpnAddress) {
            this(nodeId, role, vpnAddress, null);
        }
    }
}
