package org.conpaas.contracts.vpn;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

import java.util.List;

/** No addresses could be given (network exhausted, application unknown); none of the nodes got one. */
@EventType(value = "vpn.addresses-refused", version = 1)
public record VpnAddressesRefused(EventHeader header, ApplicationId applicationId, ServiceId serviceId,
                                  List<NodeId> nodeIds, String reason) implements IntegrationEvent {
}
