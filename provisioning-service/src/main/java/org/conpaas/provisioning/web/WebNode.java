package org.conpaas.provisioning.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A running php or java node as the web hosting logic sees it: its roles, where it answers
 * ({@code host} and the ports its agent reported per role), the release it runs and is to run,
 * its health, whether the proxies send it requests, and what its proxy measured.
 */
record WebNode(String id, String serviceId, List<String> roles, String agentState, String host, Map<String, Integer> ports,
               Integer runningRelease, Boolean healthy, String healthDetail, String membersHash, Integer assignedRelease,
               boolean inRotation, Instant leftRotationAt, Instant requestedAt, Double responseP95Ms, Double requestRate, int weight) {

    static final String PROXY = "proxy";
    static final String WEB = "web";
    static final String BACKEND = "backend";
    static final String SESSIONS = "sessions";

    boolean has(String role) {
        return roles.contains(role);
    }

    Integer port(String role) {
        return ports.get(role);
    }

    /** Runs the release it is to run and its health check passes. */
    boolean healthyOnAssigned() {
        return assignedRelease != null && assignedRelease.equals(runningRelease) && Boolean.TRUE.equals(healthy);
    }
}
