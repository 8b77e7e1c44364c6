package org.conpaas.kit.security;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/**
 * The node calling, as its node certificate (issued at enrollment, checked by the gateway over
 * mutual TLS) says: which node, of which service and application, in which role.
 */
public record CurrentNode(NodeId nodeId, ServiceId serviceId, ApplicationId applicationId, String role) {
}
