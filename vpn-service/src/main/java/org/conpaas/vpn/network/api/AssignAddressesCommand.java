package org.conpaas.vpn.network.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

import java.util.List;

/** Gives every node an address in the service's subnet (allocating the subnet first if needed): all or none. */
public record AssignAddressesCommand(@TargetAggregateIdentifier ApplicationId applicationId, ServiceId serviceId, List<NodeId> nodeIds) {
}
