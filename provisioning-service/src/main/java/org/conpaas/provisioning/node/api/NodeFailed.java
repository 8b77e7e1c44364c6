package org.conpaas.provisioning.node.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/** The node failed (FAILED) and is being terminated at its cloud. */
public record NodeFailed(NodeId nodeId, ServiceId serviceId, ApplicationId applicationId, String cloud, String instanceId, String reason) {
}
