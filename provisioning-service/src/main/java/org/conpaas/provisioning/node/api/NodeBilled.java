package org.conpaas.provisioning.node.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;

import java.time.Instant;

/** A billing period of a running node began. */
public record NodeBilled(NodeId nodeId, ServiceId serviceId, ApplicationId applicationId, UserId ownerId, long credits, Instant periodStart, Instant periodEnd) {
}
