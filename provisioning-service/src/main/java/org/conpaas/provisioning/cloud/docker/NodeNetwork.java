package org.conpaas.provisioning.cloud.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import org.conpaas.provisioning.cloud.CloudException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * The bridge network nodes are attached to, made by the driver when missing: the configured
 * subnet, its first address the bridge's (the host, where nodes reach the director), internal and
 * without IP masquerading, so the engine gives nodes no way out through NAT.
 */
final class NodeNetwork {

    private static final Logger log = LoggerFactory.getLogger(NodeNetwork.class);

    private final DockerClient docker;
    private final String name;
    private final NodeSubnet subnet;

    NodeNetwork(DockerClient docker, String name, NodeSubnet subnet) {
        this.docker = docker;
        this.name = name;
        this.subnet = subnet;
    }

    /**
     * Makes the network when it is missing; fails when one of that name exists with another subnet.
     * Looked at before every node (one call): an operator or a stopped nutshell may have removed it.
     */
    void ensure() {
        Optional<Network> existing = find();
        if (existing.isEmpty()) {
            try {
                docker.createNetworkCmd()
                        .withName(name)
                        .withDriver("bridge")
                        .withInternal(true)
                        .withCheckDuplicate(true)
                        .withOptions(Map.of("com.docker.network.bridge.enable_ip_masquerade", "false"))
                        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config()
                                .withSubnet(subnet.cidr()).withGateway(subnet.gateway())))
                        .withLabels(Map.of("org.conpaas.network", "nodes"))
                        .exec();
                log.info("created the node network {} ({}, gateway {})", name, subnet.cidr(), subnet.gateway());
            } catch (ConflictException raced) {
                // another create made it meanwhile: checked below like any existing one
            }
            existing = find();
        }
        String problem = problem(existing);
        if (problem != null) {
            throw new CloudException(CloudException.Reason.INVALID_REQUEST, null, problem);
        }
    }

    /** What is wrong with the network as it is now, or null: a missing one is fine, the first node makes it. */
    String problem() {
        return find().map(network -> problem(Optional.of(network))).orElse(null);
    }

    private String problem(Optional<Network> network) {
        if (network.isEmpty()) {
            return "network " + name + " could not be made";
        }
        var configs = network.get().getIpam() == null ? null : network.get().getIpam().getConfig();
        boolean sameSubnet = configs != null && configs.stream().anyMatch(c -> subnet.cidr().equals(c.getSubnet()));
        if (!"bridge".equals(network.get().getDriver()) || !sameSubnet) {
            return "network " + name + " exists as a " + network.get().getDriver() + " network of "
                    + (configs == null ? "no subnet" : configs.stream().map(Network.Ipam.Config::getSubnet).toList())
                    + ", not a bridge of " + subnet.cidr() + ": remove it (docker network rm " + name + ") or set network/subnet";
        }
        return null;
    }

    private Optional<Network> find() {
        try {
            return Optional.of(docker.inspectNetworkCmd().withNetworkId(name).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    String name() {
        return name;
    }

    /** The host's interface of the network's bridge (the engine names it br- and the network id's first 12 characters). */
    String bridgeInterface() {
        Network network = find().orElseThrow(() -> new CloudException(CloudException.Reason.INVALID_REQUEST, null,
                "network " + name + " is missing"));
        String named = network.getOptions() == null ? null : network.getOptions().get("com.docker.network.bridge.name");
        return named != null ? named : "br-" + network.getId().substring(0, 12);
    }

    NodeSubnet subnet() {
        return subnet;
    }
}
