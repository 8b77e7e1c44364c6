package org.conpaas.provisioning.node.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.NodeId;

/** The cloud accepted the node and named it. */
public record RecordNodeLaunchedCommand(@TargetAggregateIdentifier NodeId nodeId, String instanceId) {
}
