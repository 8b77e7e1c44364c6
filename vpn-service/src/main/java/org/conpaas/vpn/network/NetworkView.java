package org.conpaas.vpn.network;

import java.time.Instant;

/** GET /api/apps/{app}/network: the application's network and what fits in it. */
public record NetworkView(String applicationId, String network, int servicePrefix, long servicesPerApplication,
                          long agentsPerService, Instant allocatedAt) {
}
