package org.conpaas.vpn.network.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ApplicationId;

public record ReleaseNetworkCommand(@TargetAggregateIdentifier ApplicationId applicationId) {
}
