package org.conpaas.provisioning.node.api;

import org.conpaas.contracts.id.NodeId;

/** The node is being terminated (STOPPING). */
public record NodeStopping(NodeId nodeId, String cloud, String instanceId, String reason) {
}
