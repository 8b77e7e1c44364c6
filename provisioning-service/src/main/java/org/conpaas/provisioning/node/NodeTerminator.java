package org.conpaas.provisioning.node;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.provisioning.cloud.Clouds;
import org.conpaas.provisioning.node.api.RecordNodeTerminatedCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Ends a node's instance at its cloud and records it gone; a failure is logged and retried later by the watchdog. */
@Component
class NodeTerminator {

    private static final Logger log = LoggerFactory.getLogger(NodeTerminator.class);

    private final Clouds clouds;
    private final CommandGateway commands;

    NodeTerminator(Clouds clouds, CommandGateway commands) {
        this.clouds = clouds;
        this.commands = commands;
    }

    boolean terminate(NodeId node, String cloud, String instanceId) {
        try {
            if (instanceId != null) {
                clouds.driver(cloud).terminate(instanceId);
            }
            commands.sendAndWait(new RecordNodeTerminatedCommand(node));
            return true;
        } catch (RuntimeException e) {
            log.warn("could not terminate node {} ({} on {}), will retry: {}", node, instanceId, cloud, e.getMessage());
            return false;
        }
    }
}
