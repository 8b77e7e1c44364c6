package org.conpaas.vpn.network.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.vpn.network.VpnPlan;

public record AllocateNetworkCommand(@TargetAggregateIdentifier ApplicationId applicationId, UserId ownerId, VpnPlan plan) {
}
