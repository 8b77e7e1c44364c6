package org.conpaas.contracts.identity;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.UserId;

/**
 * Billing took {@code credits} from the user for a period of {@code nodeId}: exactly what the credit
 * history shows for that node. A charge the credit could not pay at all is not announced.
 */
@EventType(value = "user.credit-charged", version = 1)
public record UserCreditCharged(EventHeader header, UserId userId, NodeId nodeId, long credits, long balance) implements IntegrationEvent {
}
