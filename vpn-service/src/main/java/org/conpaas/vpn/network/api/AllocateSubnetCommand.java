package org.conpaas.vpn.network.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;

public record AllocateSubnetCommand(@TargetAggregateIdentifier ApplicationId applicationId, ServiceId serviceId) {
}
