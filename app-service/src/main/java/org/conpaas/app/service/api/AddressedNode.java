package org.conpaas.app.service.api;

import org.conpaas.contracts.id.NodeId;

/** A node with its role, VPN address and cloud (null: the service's). */
public record AddressedNode(NodeId nodeId, String role, String vpnAddress, String cloud) {

    public AddressedNode(NodeId nodeId, String role, String vpnAddress) {
        this(nodeId, role, vpnAddress, null);
    }
}
