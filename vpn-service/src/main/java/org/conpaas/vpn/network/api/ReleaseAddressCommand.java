package org.conpaas.vpn.network.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;

public record ReleaseAddressCommand(@TargetAggregateIdentifier ApplicationId applicationId, NodeId nodeId) {
}
