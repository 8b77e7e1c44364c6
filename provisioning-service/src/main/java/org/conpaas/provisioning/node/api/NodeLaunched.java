package org.conpaas.provisioning.node.api;

import org.conpaas.contracts.id.NodeId;

/** The cloud started the node (BOOTING). */
public record NodeLaunched(NodeId nodeId, String cloud, String instanceId) {
}
