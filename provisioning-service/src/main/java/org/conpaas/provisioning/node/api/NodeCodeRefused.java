package org.conpaas.provisioning.node.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/** The node's agent refused a code version of its service (once per version). */
public record NodeCodeRefused(NodeId nodeId, ServiceId serviceId, ApplicationId applicationId, long version, String reason) {
}
