package org.conpaas.provisioning.cloud;

import java.util.List;
import java.util.Optional;

/**
 * What provisioning needs from a cloud: start a node with its bootstrap data, look at it, end it,
 * and list every node this deployment started there (tagged), so orphans can be found.
 * Implementations: {@code local} (node-agent processes), {@code ec2}, {@code opennebula}.
 * Calls block; a failing call throws {@link CloudException} saying whether retrying may help.
 */
public interface CloudDriver {

    /** Starts one node; returns at once with the cloud's id for it (state usually PENDING). */
    CloudNode create(NodeLaunch launch);

    /** The node as the cloud sees it now; empty when the cloud does not know the id (any more). */
    Optional<CloudNode> describe(String instanceId);

    /** Ends the node; terminating an unknown or already terminated node is not an error. */
    void terminate(String instanceId);

    /** Every node of this deployment the cloud still has (not terminated), found by tag. */
    List<CloudNode> listOurs();

    /** A cheap call showing whether the cloud answers with these settings. */
    CloudHealth health();

    /**
     * Whether this cloud's nodes bring their application's WireGuard network up, so that they call
     * each other on their VPN addresses (php/java backends, web nodes and session stores answer there
     * only). Without it (the local cloud) VPN addresses are labels and nodes call each other on the
     * address the cloud gives them.
     */
    default boolean nodesTalkOverVpn() {
        return false;
    }
}
