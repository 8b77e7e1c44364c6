package org.conpaas.app.service.api;

import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/** vpn-service gave the planned nodes their addresses. */
public record RecordNodeAddressesCommand(@TargetAggregateIdentifier ServiceId serviceId, Map<NodeId, String> addresses) {
}
