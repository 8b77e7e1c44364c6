package org.conpaas.provisioning.cloud.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import org.conpaas.provisioning.cloud.CloudDriver;
import org.conpaas.provisioning.cloud.CloudException;
import org.conpaas.provisioning.cloud.CloudHealth;
import org.conpaas.provisioning.cloud.CloudNode;
import org.conpaas.provisioning.cloud.CloudNodeState;
import org.conpaas.provisioning.cloud.CloudTags;
import org.conpaas.provisioning.cloud.NodeLaunch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A node is a container of the ConPaaS node image on a Docker engine (local socket or a remote
 * engine over TLS), on the cloud's bridge network, labelled with the node's tags. Its bootstrap is
 * copied into the created container as {@code /etc/conpaas/node.properties} before it starts; the
 * image's entrypoint runs the agent from it as the unprivileged {@code conpaas-node}.
 */
class DockerCloudDriver implements CloudDriver {

    private static final Logger log = LoggerFactory.getLogger(DockerCloudDriver.class);
    /** the agent's last heartbeat (STOPPING) fits in this; then the engine kills it */
    private static final int STOP_SECONDS = 10;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final DockerClient docker;
    private final String deployment;
    private final DockerSettings settings;
    private final NodeNetwork network;
    private BridgeFence fence;

    DockerCloudDriver(DockerClient docker, String deployment, DockerSettings settings) {
        this.docker = docker;
        this.deployment = deployment;
        this.settings = settings;
        this.network = new NodeNetwork(docker, settings.network(), settings.subnet());
    }

    /** Where nodes reach this machine: the bridge's gateway address, on which the director must listen for them. */
    String gatewayAddress() {
        return settings.subnet().gateway();
    }

    @Override
    public CloudNode create(NodeLaunch launch) {
        Map<String, String> bootstrap = new LinkedHashMap<>(launch.bootstrap().settings());
        if (settings.directorUrl() != null) {
            bootstrap.put("director-url", settings.directorUrl().toString());
        }
        refuseLoopback(bootstrap.get("director-url"));
        Map<String, String> labels = new LinkedHashMap<>(launch.tags());
        labels.put(CloudTags.DEPLOYMENT, deployment);
        String id = null;
        try {
            network.ensure();
            fenceFor(URI.create(bootstrap.get("director-url")));
            id = docker.createContainerCmd(settings.image())
                    .withName("conpaas-" + launch.nodeId().value())
                    .withHostName("node-" + launch.nodeId().value().substring(0, Math.min(12, launch.nodeId().value().length())))
                    .withLabels(labels)
                    .withHostConfig(NodeContainerSpec.hostConfig(settings, labels))
                    .exec().getId();
            docker.copyArchiveToContainerCmd(id)
                    .withTarInputStream(new ByteArrayInputStream(BootstrapArchive.of(bootstrap)))
                    .withRemotePath(BootstrapArchive.DIRECTORY)
                    .exec();
            docker.startContainerCmd(id).exec();
            log.info("docker node {} started as container {} on {}", launch.nodeId().value(), id.substring(0, 12), settings.host());
            return describe(id).orElseThrow(() -> new CloudException(CloudException.Reason.UNREACHABLE, null,
                    "the container vanished right after it started"));
        } catch (RuntimeException e) {
            if (id != null) {
                removeQuietly(id);
            }
            throw DockerErrors.of("could not start a node container of " + settings.image(), e);
        }
    }

    private void refuseLoopback(String directorUrl) {
        String host = URI.create(directorUrl).getHost();
        if (host != null && LOOPBACK.contains(host.toLowerCase())) {
            throw new CloudException(CloudException.Reason.INVALID_REQUEST, null, "the director URL " + directorUrl
                    + " is this machine's loopback, which a container cannot reach: set the cloud's director-url to an address"
                    + " the gateway listens on for nodes, such as https://" + gatewayAddress() + ":<port>");
        }
    }

    @Override
    public Optional<CloudNode> describe(String instanceId) {
        try {
            InspectContainerResponse container = docker.inspectContainerCmd(instanceId).exec();
            return Optional.of(new CloudNode(container.getId(), ContainerStates.of(container.getState()), address(container),
                    container.getConfig().getLabels()));
        } catch (NotFoundException gone) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw DockerErrors.of("could not describe container " + instanceId, e);
        }
    }

    private String address(InspectContainerResponse container) {
        return container.getNetworkSettings() == null ? null : addressOn(container.getNetworkSettings().getNetworks());
    }

    private String addressOn(Map<String, ContainerNetwork> networks) {
        ContainerNetwork attached = networks == null ? null : networks.get(settings.network());
        return attached == null || attached.getIpAddress() == null || attached.getIpAddress().isEmpty() ? null : attached.getIpAddress();
    }

    @Override
    public void terminate(String instanceId) {
        try {
            docker.stopContainerCmd(instanceId).withTimeout(STOP_SECONDS).exec();
        } catch (NotFoundException | NotModifiedException goneOrStopped) {
            // removed below if it is still there
        } catch (RuntimeException e) {
            throw DockerErrors.of("could not stop container " + instanceId, e);
        }
        try {
            docker.removeContainerCmd(instanceId).withForce(true).withRemoveVolumes(true).exec();
            log.info("docker node container {} removed", instanceId);
        } catch (NotFoundException gone) {
            // terminating what is gone is fine
        } catch (RuntimeException e) {
            throw DockerErrors.of("could not remove container " + instanceId, e);
        }
        lowerFenceWhenNoNodeIsLeft();
    }

    /** Raises the bridge's fence (a local engine, as root) so nodes reach this host only at the director's port. */
    private synchronized void fenceFor(URI director) {
        if (fence == null) {
            fence = BridgeFence.of(network.bridgeInterface(), "unix".equals(settings.host().getScheme()));
        }
        if (fence != null) {
            fence.raiseFor(director.getPort() > 0 ? director.getPort() : "http".equals(director.getScheme()) ? 80 : 443);
        }
    }

    private synchronized void lowerFenceWhenNoNodeIsLeft() {
        if (fence != null && listOurs().isEmpty()) {
            fence.lower();
        }
    }

    /** Every container with this deployment's label, exited ones too: they hold disk until removed. */
    @Override
    public List<CloudNode> listOurs() {
        try {
            List<Container> containers = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(CloudTags.DEPLOYMENT, deployment)).exec();
            return containers.stream().map(c -> new CloudNode(c.getId(), ContainerStates.of(c.getState()),
                    c.getNetworkSettings() == null ? null : addressOn(c.getNetworkSettings().getNetworks()),
                    c.getLabels())).toList();
        } catch (RuntimeException e) {
            throw DockerErrors.of("could not list this deployment's containers", e);
        }
    }

    /** Container nodes bring their application's WireGuard network up (the node image's launcher). */
    @Override
    public boolean nodesTalkOverVpn() {
        return true;
    }

    @Override
    public CloudHealth health() {
        return new DockerHealth(docker, settings, network).check();
    }

    private void removeQuietly(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
            log.warn("could not remove the container {} of a failed start (the watchdog will): {}", id, e.toString());
        }
    }
}
