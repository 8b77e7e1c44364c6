package org.conpaas.provisioning.node.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.NodeId;

import java.time.Instant;

/** Charge the owner for the billing period starting now, if the node runs and is due. */
public record BillNodeCommand(@TargetAggregateIdentifier NodeId nodeId, Instant now, java.time.Duration period, long credits) {
}
