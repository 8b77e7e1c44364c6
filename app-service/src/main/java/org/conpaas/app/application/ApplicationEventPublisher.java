package org.conpaas.app.application;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.conpaas.app.application.api.ApplicationCreated;
import org.conpaas.app.application.api.ApplicationDeleted;
import org.conpaas.app.application.api.ApplicationRenamed;
import org.conpaas.kit.bus.EventHeaders;
import org.conpaas.kit.bus.IntegrationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes app.created / app.renamed / app.deleted after commit: a tracking processor reads the
 * committed events from the event store (the outbox) and retries until the broker confirms.
 */
@Component
@ProcessingGroup("integration-publisher")
class ApplicationEventPublisher {

    private final IntegrationEventPublisher publisher;

    ApplicationEventPublisher(IntegrationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @EventHandler
    void on(ApplicationCreated event, EventMessage<?> message) {
        var type = org.conpaas.contracts.application.ApplicationCreated.class;
        publisher.publishBeforeCommit(new org.conpaas.contracts.application.ApplicationCreated(
                EventHeaders.from(message, type), event.applicationId(), event.ownerId(), event.name()));
    }

    @EventHandler
    void on(ApplicationRenamed event, EventMessage<?> message) {
        var type = org.conpaas.contracts.application.ApplicationRenamed.class;
        publisher.publishBeforeCommit(new org.conpaas.contracts.application.ApplicationRenamed(
                EventHeaders.from(message, type), event.applicationId(), event.ownerId(), event.name()));
    }

    @EventHandler
    void on(ApplicationDeleted event, EventMessage<?> message) {
        var type = org.conpaas.contracts.application.ApplicationDeleted.class;
        publisher.publishBeforeCommit(new org.conpaas.contracts.application.ApplicationDeleted(
                EventHeaders.from(message, type), event.applicationId(), event.ownerId()));
    }
}
