package org.conpaas.app.service;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.conpaas.app.service.api.CodeUploaded;
import org.conpaas.app.service.api.NodesAddressed;
import org.conpaas.app.service.api.NodesPlanned;
import org.conpaas.app.service.api.NodesReleased;
import org.conpaas.app.service.api.PlannedNode;
import org.conpaas.contracts.service.ServiceAddressesRequested;
import org.conpaas.contracts.service.ServiceCodeUploaded;
import org.conpaas.contracts.service.ServiceNodesReleased;
import org.conpaas.contracts.service.ServiceNodesRequested;
import org.conpaas.kit.bus.EventHeaders;
import org.conpaas.kit.bus.IntegrationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The service lifecycle's requests to the other services, published after commit from the event
 * store: addresses from vpn-service, nodes started or released by provisioning-service, and new
 * code versions for the nodes.
 */
@Component
@ProcessingGroup("integration-publisher")
class ServiceEventPublisher {

    private final IntegrationEventPublisher publisher;

    ServiceEventPublisher(IntegrationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @EventHandler
    void on(NodesPlanned e, EventMessage<?> message) {
        publisher.publishBeforeCommit(new ServiceAddressesRequested(EventHeaders.from(message, ServiceAddressesRequested.class),
                e.applicationId(), e.serviceId(), e.nodes().stream().map(PlannedNode::nodeId).toList()));
    }

    @EventHandler
    void on(NodesAddressed e, EventMessage<?> message) {
        publisher.publishBeforeCommit(new ServiceNodesRequested(EventHeaders.from(message, ServiceNodesRequested.class),
                e.applicationId(), e.serviceId(), e.ownerId(), e.type(), e.cloud(),
                e.nodes().stream().map(n -> new ServiceNodesRequested.RequestedNode(n.nodeId(), n.role(), n.vpnAddress(), n.cloud(),
                        n.webRoles())).toList()));
    }

    @EventHandler
    void on(NodesReleased e, EventMessage<?> message) {
        publisher.publishBeforeCommit(new ServiceNodesReleased(EventHeaders.from(message, ServiceNodesReleased.class),
                e.applicationId(), e.serviceId(), e.nodeIds(), e.reason()));
    }

    @EventHandler
    void on(org.conpaas.app.service.api.ServiceRemoved e, EventMessage<?> message) {
        publisher.publishBeforeCommit(new org.conpaas.contracts.service.ServiceRemoved(
                EventHeaders.from(message, org.conpaas.contracts.service.ServiceRemoved.class), e.applicationId(), e.serviceId()));
    }

    @EventHandler
    void on(org.conpaas.app.service.api.ReleaseCreated e, EventMessage<?> message) {
        publisher.publishBeforeCommit(new org.conpaas.contracts.service.ServiceReleaseCreated(
                EventHeaders.from(message, org.conpaas.contracts.service.ServiceReleaseCreated.class), e.applicationId(), e.serviceId(),
                e.serviceType(), e.release(), e.codeVersion(), e.environment(), e.healthPath(), e.bindings()));
    }

    @EventHandler
    void on(org.conpaas.app.service.api.NodeWeightSet e, EventMessage<?> message) {
        publisher.publishBeforeCommit(new org.conpaas.contracts.service.ServiceNodeWeightSet(
                EventHeaders.from(message, org.conpaas.contracts.service.ServiceNodeWeightSet.class), e.applicationId(), e.serviceId(),
                e.nodeId(), e.weight()));
    }

    @EventHandler
    void on(CodeUploaded e, EventMessage<?> message) {
        publisher.publishBeforeCommit(new ServiceCodeUploaded(EventHeaders.from(message, ServiceCodeUploaded.class),
                e.applicationId(), e.serviceId(), e.version(), e.sha256(), e.size()));
    }
}
