package org.conpaas.app.service.api;

import org.conpaas.contracts.id.NodeId;

/** A node a service is to have, its role (manager or agent) and its cloud (null: the service's). */
public record PlannedNode(NodeId nodeId, String role, String cloud) {

    public PlannedNode(NodeId nodeId, String role) {
        this(nodeId, role, null);
    }
}
