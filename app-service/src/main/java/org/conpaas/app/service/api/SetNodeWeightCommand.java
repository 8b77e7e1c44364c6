package org.conpaas.app.service.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/** Gives a php or java node a load-balancer weight, 1 to 100 (default 1). */
public record SetNodeWeightCommand(@TargetAggregateIdentifier ServiceId serviceId, NodeId nodeId, int weight) {
}
