package org.conpaas.provisioning.node.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.NodeId;

/** The node's agent got its certificate. */
public record RecordNodeEnrolledCommand(@TargetAggregateIdentifier NodeId nodeId, String certificateSerial) {
}
