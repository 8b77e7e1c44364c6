package org.conpaas.provisioning.node.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/** The node's agent runs the service (RUNNING). */
public record NodeRunning(NodeId nodeId, ServiceId serviceId, ApplicationId applicationId, String cloud, String address) {
}
