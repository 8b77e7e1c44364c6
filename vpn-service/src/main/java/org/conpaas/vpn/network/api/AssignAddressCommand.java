package org.conpaas.vpn.network.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

public record AssignAddressCommand(@TargetAggregateIdentifier ApplicationId applicationId, ServiceId serviceId, NodeId nodeId) {
}
