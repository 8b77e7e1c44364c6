package org.conpaas.app.service.api;

import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** vpn-service could not address the planned nodes. */
public record RecordAddressesRefusedCommand(@TargetAggregateIdentifier ServiceId serviceId, List<NodeId> nodeIds, String reason) {
}
