package org.conpaas.app.service.api;

import org.conpaas.contracts.id.NodeId;

/** A node with its role and VPN address. */
public record AddressedNode(NodeId nodeId, String role, String vpnAddress) {
}
