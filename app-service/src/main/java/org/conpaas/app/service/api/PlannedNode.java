package org.conpaas.app.service.api;

import org.conpaas.contracts.id.NodeId;

import java.util.List;

/**
 * A node a service is to have, its role (manager or agent), its cloud (null: the service's) and,
 * for the web hosting types, its web roles (proxy, web, backend; empty for the other types).
 */
public record PlannedNode(NodeId nodeId, String role, String cloud, List<String> webRoles) {

    public PlannedNode {
        webRoles = webRoles == null ? List.of() : List.copyOf(webRoles);
    }

    public PlannedNode(NodeId nodeId, String role, String cloud) {
        this(nodeId, role, cloud, List.of());
    }

    public PlannedNode(NodeId nodeId, String role) {
        this(nodeId, role, null);
    }
}
