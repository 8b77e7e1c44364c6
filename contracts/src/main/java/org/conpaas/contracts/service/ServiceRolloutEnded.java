package org.conpaas.contracts.service;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/**
 * provisioning-service finished rolling release {@code release} over a service's nodes: every node
 * runs it ({@code rolledOut}), or it was stopped at node {@code nodeId} whose health check failed,
 * that node went back to the release before and the rest never left it ({@code reason} says why).
 */
@EventType(value = "service.rollout-ended", version = 1)
public record ServiceRolloutEnded(EventHeader header, ApplicationId applicationId, ServiceId serviceId, int release,
                                  boolean rolledOut, NodeId nodeId, String reason) implements IntegrationEvent {
}
