package org.conpaas.provisioning.node;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.kit.bus.IntegrationEventPublisher;
import org.conpaas.provisioning.cloud.CloudException;
import org.conpaas.provisioning.cloud.CloudNode;
import org.conpaas.provisioning.cloud.CloudTags;
import org.conpaas.provisioning.cloud.Clouds;
import org.conpaas.provisioning.cloud.NodeBootstrap;
import org.conpaas.provisioning.cloud.NodeLaunch;
import org.conpaas.provisioning.node.api.FailNodeCommand;
import org.conpaas.provisioning.node.api.NodeFailed;
import org.conpaas.provisioning.node.api.NodeRequested;
import org.conpaas.provisioning.node.api.NodeStopping;
import org.conpaas.provisioning.node.api.RecordNodeLaunchedCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Talks to the clouds after the node's events are committed (its own tracking processor): a
 * requested node gets a one-time enrollment token (announced to cert-service as node.requested,
 * only its hash) and is started with its bootstrap; a stopping or failed node is terminated.
 * A termination that fails here is retried by {@link NodeWatchdog}.
 */
@Component
@ProcessingGroup("node-launcher")
class NodeLauncher {

    private static final Logger log = LoggerFactory.getLogger(NodeLauncher.class);

    private final Clouds clouds;
    private final CommandGateway commands;
    private final IntegrationEventPublisher publisher;
    private final NodeQueries queries;
    private final NodeProperties properties;
    private final CaCertificate ca;
    private final NodeTerminator terminator;
    private final Clock clock = Clock.systemUTC();

    NodeLauncher(Clouds clouds, CommandGateway commands, IntegrationEventPublisher publisher, NodeQueries queries,
                 NodeProperties properties, CaCertificate ca, NodeTerminator terminator) {
        this.clouds = clouds;
        this.commands = commands;
        this.publisher = publisher;
        this.queries = queries;
        this.properties = properties;
        this.ca = ca;
        this.terminator = terminator;
    }

    @EventHandler
    void on(NodeRequested e) {
        if (!queries.stateOf(e.nodeId().value()).map("REQUESTED"::equals).orElse(false)) {
            return;
        }
        EnrollmentToken token = EnrollmentToken.create(clock.instant().plus(properties.enrollmentTokenValidity()));
        EventType type = org.conpaas.contracts.node.NodeRequested.class.getAnnotation(EventType.class);
        publisher.publish(new org.conpaas.contracts.node.NodeRequested(
                new EventHeader(UUID.randomUUID(), type.value(), type.version(), clock.instant(), e.serviceId().value()),
                e.nodeId(), e.serviceId(), e.applicationId(), e.ownerId(), e.role(), e.cloud(), token.sha256(), token.expiresAt()));
        NodeBootstrap bootstrap = new NodeBootstrap(properties.publicUrl().toString(), ca.pem().orElse(null), token.value(),
                e.nodeId().value(), e.serviceId().value(), e.applicationId().value(), e.role(), e.vpnAddress(), e.serviceType(),
                e.webRoles());
        Map<String, String> tags = Map.of(CloudTags.NODE, e.nodeId().value(), CloudTags.SERVICE, e.serviceId().value(),
                CloudTags.APPLICATION, e.applicationId().value(), CloudTags.ROLE, e.role());
        try {
            CloudNode node = clouds.driver(e.cloud()).create(new NodeLaunch(e.nodeId(), e.serviceId(), e.applicationId(), bootstrap, tags));
            commands.sendAndWait(new RecordNodeLaunchedCommand(e.nodeId(), node.instanceId()));
        } catch (CloudException failed) {
            log.warn("cloud {} could not start node {}: {} ({})", e.cloud(), e.nodeId(), failed.getMessage(), failed.cloudCode());
            commands.sendAndWait(new FailNodeCommand(e.nodeId(), "cloud " + e.cloud() + " refused the node: " + failed.getMessage()
                    + (failed.cloudCode() == null ? "" : " (" + failed.cloudCode() + ")")));
        }
    }

    @EventHandler
    void on(NodeStopping e) {
        terminator.terminate(e.nodeId(), e.cloud(), e.instanceId());
    }

    @EventHandler
    void on(NodeFailed e) {
        terminator.terminate(e.nodeId(), e.cloud(), e.instanceId());
    }
}
