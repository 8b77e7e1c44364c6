package org.conpaas.provisioning.node;

import java.time.Instant;

/**
 * A node as GET /api/nodes shows it; php and java nodes add their web roles, the ports they answer
 * on per role, the release they run and their health check's last word.
 */
public record NodeView(String id, String serviceId, String applicationId, String ownerId, String role, String serviceType,
                       String cloud, String instanceId, String state, String vpnAddress, String address, String detail,
                       Instant requestedAt, Instant stateSince, Instant lastHeartbeat, String agentState, String agentDetail,
                       String logTail, long billedCredits, java.util.List<String> webRoles, java.util.Map<String, Integer> ports,
                       Integer release, String health) {

    public NodeView(String id, String serviceId, String applicationId, String ownerId, String role, String serviceType, String cloud,
                    String instanceId, String state, String vpnAddress, String address, String detail, Instant requestedAt,
                    Instant stateSince, Instant lastHeartbeat, String agentState, String agentDetail, String logTail, long billedCredits) {
        this(id, serviceId, applicationId, ownerId, role, serviceType, cloud, instanceId, state, vpnAddress, address, detail, requestedAt,
                stateSince, lastHeartbeat, agentState, agentDetail, logTail, billedCredits, java.util.List.of(), java.util.Map.of(), null, null);
    }
}
