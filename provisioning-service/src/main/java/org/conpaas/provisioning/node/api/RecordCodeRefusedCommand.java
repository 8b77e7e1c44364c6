package org.conpaas.provisioning.node.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.NodeId;

/** The node's agent reports it will not run code version {@code version}, and why. */
public record RecordCodeRefusedCommand(@TargetAggregateIdentifier NodeId nodeId, long version, String reason) {
}
