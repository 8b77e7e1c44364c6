package org.conpaas.provisioning.node.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;

/** Start a node for a service on a cloud. */
public record RequestNodeCommand(@TargetAggregateIdentifier NodeId nodeId, ServiceId serviceId, ApplicationId applicationId, UserId ownerId, String role, String serviceType, String cloud, String vpnAddress) {
}
