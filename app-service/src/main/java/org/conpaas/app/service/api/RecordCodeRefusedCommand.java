package org.conpaas.app.service.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/** A node of the service would not run code version {@code version} (provisioning-service's node.code-refused). */
public record RecordCodeRefusedCommand(@TargetAggregateIdentifier ServiceId serviceId, NodeId nodeId, int version, String reason) {
}
