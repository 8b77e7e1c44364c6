package org.conpaas.app.service.api;

import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** provisioning-service reports a node running. */
public record RecordNodeRunningCommand(@TargetAggregateIdentifier ServiceId serviceId, NodeId nodeId, String cloud, String address) {
}
