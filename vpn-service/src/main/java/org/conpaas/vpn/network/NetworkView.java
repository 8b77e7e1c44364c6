package org.conpaas.vpn.network;

import java.time.Instant;
import java.util.List;

/** GET /api/apps/{app}/network: the application's network and what fits in it. */
public record NetworkView(String applicationId, String network, int servicePrefix, long servicesPerApplication,
                          long agentsPerService, Instant allocatedAt, List<String> bootstrapNodes, List<SubnetView> subnets) {

    /** A service's subnet and the addresses of its nodes. */
    public record SubnetView(String serviceId, String subnet, List<AddressView> nodes) {
    }

    public record AddressView(String nodeId, String address) {
    }
}
