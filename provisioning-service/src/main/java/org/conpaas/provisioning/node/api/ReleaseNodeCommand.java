package org.conpaas.provisioning.node.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.NodeId;

/** The service no longer wants the node. */
public record ReleaseNodeCommand(@TargetAggregateIdentifier NodeId nodeId, String reason) {
}
