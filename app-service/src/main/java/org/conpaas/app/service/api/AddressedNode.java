package org.conpaas.app.service.api;

import org.conpaas.contracts.id.NodeId;

import java.util.List;

/** A node with its role, VPN address, cloud (null: the service's) and web roles (php, java). */
public record AddressedNode(NodeId nodeId, String role, String vpnAddress, String cloud, List<String> webRoles) {

    public AddressedNode {
        webRoles = webRoles == null ? List.of() : List.copyOf(webRoles);
    }

    public AddressedNode(NodeId nodeId, String role, String vpnAddress, String cloud) {
        this(nodeId, role, vpnAddress, cloud, List.of());
    }

    public AddressedNode(NodeId nodeId, String role, String vpnAddress) {
        this(nodeId, role, vpnAddress, null);
    }
}
