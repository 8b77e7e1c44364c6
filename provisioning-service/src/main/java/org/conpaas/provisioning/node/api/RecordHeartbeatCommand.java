package org.conpaas.provisioning.node.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.NodeId;

/** The node's agent reported in. */
public record RecordHeartbeatCommand(@TargetAggregateIdentifier NodeId nodeId, String agentState, String detail, String address) {
}
