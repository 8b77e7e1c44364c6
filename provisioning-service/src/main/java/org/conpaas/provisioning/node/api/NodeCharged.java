package org.conpaas.provisioning.node.api;

import org.conpaas.contracts.id.NodeId;

/** The owner's credit paid {@code credits} for this node: what the node shows as billed. */
public record NodeCharged(NodeId nodeId, long credits) {
}
