package org.conpaas.provisioning.node.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/** The node is gone from its cloud (TERMINATED). */
public record NodeTerminated(NodeId nodeId, ServiceId serviceId, ApplicationId applicationId) {
}
