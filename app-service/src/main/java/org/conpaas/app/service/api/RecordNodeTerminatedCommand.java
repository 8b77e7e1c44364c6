package org.conpaas.app.service.api;

import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** provisioning-service reports a released node gone. */
public record RecordNodeTerminatedCommand(@TargetAggregateIdentifier ServiceId serviceId, NodeId nodeId) {
}
