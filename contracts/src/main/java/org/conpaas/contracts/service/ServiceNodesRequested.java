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
 */
@EventType(value = "service.nodes-requested", version = 1)
public record ServiceNodesRequested(EventHeader header, ApplicationId applicationId, ServiceId serviceId, UserId ownerId,
                                    String serviceType, String cloud, List<RequestedNode> nodes) implements IntegrationEvent {

    /** A node to start; {@code cloud}, when set, overrides the event's (a service spread over clouds). */
    public record RequestedNode(NodeId nodeId, String role, String vpnAddress, String cloud) {

        public RequestedNode(NodeId nodeId, String role, String vpnAddress) {
            this(nodeId, role, vpnAddress, null);
        }
    }
}
