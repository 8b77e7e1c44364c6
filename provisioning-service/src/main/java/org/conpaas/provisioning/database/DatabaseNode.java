package org.conpaas.provisioning.database;

import java.time.Instant;
import java.util.Map;

/**
 * An alive mysql node as the cluster logic sees it: where it answers ({@code host}, set when it first
 * reports, and the ports it reported), whether it is in the primary component, and its age (the
 * oldest alive node forms the cluster when no node is in one).
 */
record DatabaseNode(String id, String state, String host, Map<String, Integer> ports, boolean member, String localState,
                    Integer clusterSize, Instant requestedAt) {

    Integer port(String name) {
        return ports.get(name);
    }
}
