package org.conpaas.provisioning.node;

import java.time.Instant;

/** A node as GET /api/nodes shows it. */
public record NodeView(String id, String serviceId, String applicationId, String ownerId, String role, String serviceType,
                       String cloud, String instanceId, String state, String vpnAddress, String address, String detail,
                       Instant requestedAt, Instant stateSince, Instant lastHeartbeat, String agentState, String agentDetail,
                       String logTail, long billedCredits) {
}
