package org.conpaas.app.service.api;

import org.conpaas.contracts.id.NodeId;

/** A node a service is to have, and its role (manager or agent). */
public record PlannedNode(NodeId nodeId, String role) {
}
