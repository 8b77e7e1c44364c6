package org.conpaas.vpn.network.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.UserId;

public record NetworkAllocated(ApplicationId applicationId, UserId ownerId, String baseNetwork, int cidr, int serviceBits) {
}
