package org.conpaas.vpn.network.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

public record AddressAssigned(ApplicationId applicationId, ServiceId serviceId, NodeId nodeId, int offset, String address) {
}
