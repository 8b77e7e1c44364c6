package org.conpaas.contracts.vpn;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

import java.util.List;

/** The addresses asked for by service.addresses-requested, in the service's subnet (CIDR). */
@EventType(value = "vpn.addresses-assigned", version = 1)
public record VpnAddressesAssigned(EventHeader header, ApplicationId applicationId, ServiceId serviceId, String subnet,
                                   List<NodeAddress> addresses) implements IntegrationEvent {

    public record NodeAddress(NodeId nodeId, String address) {
    }
}
