package org.conpaas.identity.user.api;

import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.UserId;

/** The credit changed by {@code delta}; {@code nodeId} names the node a billing charge was for (null otherwise). */
public record CreditAdjusted(UserId userId, long delta, long balance, String reason, NodeId nodeId) {

    public CreditAdjusted(UserId userId, long delta, long balance, String reason) {
        this(userId, delta, balance, reason, null);
    }
}
