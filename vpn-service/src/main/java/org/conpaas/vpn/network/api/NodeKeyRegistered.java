package org.conpaas.vpn.network.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

public record NodeKeyRegistered(ApplicationId applicationId, ServiceId serviceId, NodeId nodeId, String publicKey,
                                String endpoint) {
}
