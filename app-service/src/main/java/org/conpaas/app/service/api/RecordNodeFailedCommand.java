package org.conpaas.app.service.api;

import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** provisioning-service reports a node failed (and terminated at its cloud). */
public record RecordNodeFailedCommand(@TargetAggregateIdentifier ServiceId serviceId, NodeId nodeId, String reason) {
}
