package org.conpaas.provisioning.node;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.conpaas.kit.bus.EventHeaders;
import org.conpaas.kit.bus.IntegrationEventPublisher;
import org.conpaas.provisioning.node.api.NodeBilled;
import org.conpaas.provisioning.node.api.NodeFailed;
import org.conpaas.provisioning.node.api.NodeRunning;
import org.conpaas.provisioning.node.api.NodeTerminated;
import org.springframework.stereotype.Component;

/** node.running / node.failed / node.terminated / node.billed, published after commit from the event store. */
@Component
@ProcessingGroup("integration-publisher")
class NodeEventPublisher {

    private final IntegrationEventPublisher publisher;

    NodeEventPublisher(IntegrationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @EventHandler
    void on(NodeRunning e, EventMessage<?> m) {
        var type = org.conpaas.contracts.node.NodeRunning.class;
        publisher.publishBeforeCommit(new org.conpaas.contracts.node.NodeRunning(EventHeaders.from(m, type), e.nodeId(), e.serviceId(),
                e.applicationId(), e.cloud(), e.address()));
    }

    @EventHandler
    void on(NodeFailed e, EventMessage<?> m) {
        var type = org.conpaas.contracts.node.NodeFailed.class;
        publisher.publishBeforeCommit(new org.conpaas.contracts.node.NodeFailed(EventHeaders.from(m, type), e.nodeId(), e.serviceId(),
                e.applicationId(), e.reason()));
    }

    @EventHandler
    void on(org.conpaas.provisioning.node.api.NodeCodeRefused e, EventMessage<?> m) {
        var type = org.conpaas.contracts.node.NodeCodeRefused.class;
        publisher.publishBeforeCommit(new org.conpaas.contracts.node.NodeCodeRefused(EventHeaders.from(m, type), e.nodeId(),
                e.serviceId(), e.applicationId(), e.version(), e.reason()));
    }

    @EventHandler
    void on(NodeTerminated e, EventMessage<?> m) {
        var type = org.conpaas.contracts.node.NodeTerminated.class;
        publisher.publishBeforeCommit(new org.conpaas.contracts.node.NodeTerminated(EventHeaders.from(m, type), e.nodeId(), e.serviceId(),
                e.applicationId()));
    }

    @EventHandler
    void on(NodeBilled e, EventMessage<?> m) {
        var type = org.conpaas.contracts.node.NodeBilled.class;
        publisher.publishBeforeCommit(new org.conpaas.contracts.node.NodeBilled(EventHeaders.from(m, type), e.nodeId(), e.serviceId(),
                e.applicationId(), e.ownerId(), e.credits(), e.periodStart(), e.periodEnd()));
    }
}
