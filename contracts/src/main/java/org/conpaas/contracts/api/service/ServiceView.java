package org.conpaas.contracts.api.service;

import java.time.Instant;
import java.util.List;

/**
 * A service as the API shows it: its state, its nodes and how it got there; {@code removing}: it
 * is stopping to be removed (it disappears when its last node is gone). {@code codeVersion} is the
 * newest upload, {@code release} what the nodes are to run; {@code url} the address of a web
 * hosting service (its proxy), null otherwise or while no proxy runs; {@code bindings} the mysql
 * services its current release is bound to.
 */
public record ServiceView(String id, String applicationId, String ownerId, String name, String type, String cloud,
                         String state, Instant stateSince, int codeVersion, String codeSha256, Instant createdAt,
                         boolean removing, List<NodeView> nodes, List<StateChangeView> history, List<CodeVersionView> codeVersions,
                         String url, ReleaseView release, List<VariableView> environment, AutoscalingView autoscaling,
                          List<BindingView> bindings) {

    /**
     * A php or java service's load as its proxies last measured it and its autoscaling rule
     * ({@code on} false: nodes change only when asked).
     */
    public record AutoscalingView(boolean on, Integer targetResponseMs, Integer min, Integer max, Double lastP95Ms,
                                  Double lastRequestRate) {
    }

    /** A node of the service: role, web roles (php, java), where it stands, where it runs and its VPN address. */
    public record NodeView(String id, String role, List<String> webRoles, String state, String cloud, String address,
                           String vpnAddress, String detail, Instant updatedAt, int weight) {
    }

    /**
     * What the nodes are to run: release {@code number}, code version {@code codeVersion} (0: none),
     * the backends' health path; {@code state} ROLLING_OUT, ROLLED_OUT or STOPPED (a failed health
     * check stopped it; {@code detail} says where and why), null before the first release.
     */
    public record ReleaseView(int number, int codeVersion, String healthPath, String state, String detail) {
    }

    /** A mysql service the service is bound to and the database its account has every right on. */
    public record BindingView(String serviceId, String serviceName, String database) {
    }

    /** An environment variable; a secret's value is never shown (null). */
    public record VariableView(String name, String value, boolean secret) {
    }

    /** A code version the service keeps, the newest last; {@code refusal} says why a node would not run it. */
    public record CodeVersionView(int version, String sha256, long size, Instant uploadedAt, String refusedBy, String refusal) {
    }

    /** One move of the lifecycle. */
    public record StateChangeView(Instant at, String from, String to, String reason) {
    }
}
