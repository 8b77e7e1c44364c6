package org.conpaas.contracts.node;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/** A node enrolled and its agent reports the service running; {@code address} is where the cloud put it. */
@EventType(value = "node.running", version = 1)
public record NodeRunning(EventHeader header, NodeId nodeId, ServiceId serviceId, ApplicationId applicationId,
                          String cloud, String address) implements IntegrationEvent {
}
