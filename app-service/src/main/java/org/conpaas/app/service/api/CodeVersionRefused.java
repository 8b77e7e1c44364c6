package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/** A node refused a kept code version (the first node to refuse it, and why); its nodes will not run it. */
public record CodeVersionRefused(ServiceId serviceId, ApplicationId applicationId, int version, NodeId nodeId, String reason) {
}
