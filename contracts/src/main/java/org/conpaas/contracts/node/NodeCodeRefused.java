package org.conpaas.contracts.node;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/**
 * A node's agent would not run its service's code version {@code version} (checksum mismatch,
 * an entry outside the code directory, a link, over the node's unpacking limits, …) and will not
 * fetch it again; {@code reason} is the agent's words. Published once per node and version.
 */
@EventType(value = "node.code-refused", version = 1)
public record NodeCodeRefused(EventHeader header, NodeId nodeId, ServiceId serviceId, ApplicationId applicationId, long version,
                              String reason) implements IntegrationEvent {
}
