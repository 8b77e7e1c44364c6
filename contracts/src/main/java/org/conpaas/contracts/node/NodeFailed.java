package org.conpaas.contracts.node;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/** A node could not be started, did not enroll or heartbeat in time, or died; it has been terminated at its cloud. */
@EventType(value = "node.failed", version = 1)
public record NodeFailed(EventHeader header, NodeId nodeId, ServiceId serviceId, ApplicationId applicationId,
                         String reason) implements IntegrationEvent {
}
