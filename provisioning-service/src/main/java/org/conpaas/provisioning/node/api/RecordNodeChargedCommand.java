package org.conpaas.provisioning.node.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.NodeId;

/** identity-service took {@code credits} from the owner for a billing period of this node. */
public record RecordNodeChargedCommand(@TargetAggregateIdentifier NodeId nodeId, long credits) {
}
