package org.conpaas.vpn.network.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;

public record SubnetAllocated(ApplicationId applicationId, ServiceId serviceId, int index, String subnet) {
}
