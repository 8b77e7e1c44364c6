package org.conpaas.identity.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.UserId;

/**
 * Billing takes {@code credits} from the user for a period of {@code nodeId}, or what is left when
 * the balance is smaller (it stops at 0).
 */
public record ChargeCreditCommand(@TargetAggregateIdentifier UserId userId, NodeId nodeId, long credits, String reason) {
}
