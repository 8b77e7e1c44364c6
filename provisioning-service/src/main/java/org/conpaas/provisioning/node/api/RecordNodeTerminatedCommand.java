package org.conpaas.provisioning.node.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.NodeId;

/** The cloud no longer has the node. */
public record RecordNodeTerminatedCommand(@TargetAggregateIdentifier NodeId nodeId) {
}
