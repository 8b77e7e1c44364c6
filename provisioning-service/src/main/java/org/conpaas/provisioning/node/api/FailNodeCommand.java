package org.conpaas.provisioning.node.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.NodeId;

/** The node failed; it is to be terminated at its cloud. */
public record FailNodeCommand(@TargetAggregateIdentifier NodeId nodeId, String reason) {
}
