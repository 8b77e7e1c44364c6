package org.conpaas.contracts.service;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

import java.util.List;

/** A service is starting or growing: vpn-service is to give each new node an address in the service's subnet. */
@EventType(value = "service.addresses-requested", version = 1)
public record ServiceAddressesRequested(EventHeader header, ApplicationId applicationId, ServiceId serviceId,
                                        List<NodeId> nodeIds) implements IntegrationEvent {
}
