package org.conpaas.contracts.api.service;

import java.time.Instant;
import java.util.List;

/**
 * A service as the API shows it: its state, its nodes and how it got there; {@code removing}: it
 * is stopping to be removed (it disappears when its last node is gone).
 */
public record ServiceView(String id, String applicationId, String ownerId, String name, String type, String cloud,
                         String state, Instant stateSince, int codeVersion, String codeSha256, Instant createdAt,
                         boolean removing, List<NodeView> nodes, List<StateChangeView> history, List<CodeVersionView> codeVersions) {

    /** A node of the service: role, where it stands, where it runs and its VPN address. */
    public record NodeView(String id, String role, String state, String cloud, String address, String vpnAddress,
                           String detail, Instant updatedAt) {
    }

    /** A code version the service keeps, the newest last; {@code refusal} says why a node would not run it. */
    public record CodeVersionView(int version, String sha256, long size, Instant uploadedAt, String refusedBy, String refusal) {
    }

    /** One move of the lifecycle. */
    public record StateChangeView(Instant at, String from, String to, String reason) {
    }
}
