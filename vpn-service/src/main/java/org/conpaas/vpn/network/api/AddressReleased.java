package org.conpaas.vpn.network.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

public record AddressReleased(ApplicationId applicationId, ServiceId serviceId, NodeId nodeId, String address) {
}
