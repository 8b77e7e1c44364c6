package org.conpaas.vpn.network.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;

public record SubnetReleased(ApplicationId applicationId, ServiceId serviceId, String subnet) {
}
