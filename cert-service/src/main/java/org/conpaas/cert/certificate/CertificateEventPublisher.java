package org.conpaas.cert.certificate;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.conpaas.cert.certificate.api.CertificateIssued;
import org.conpaas.cert.certificate.api.CertificateRevoked;
import org.conpaas.kit.bus.EventBusConfiguration;
import org.conpaas.kit.bus.EventHeaders;
import org.conpaas.kit.bus.IntegrationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes cert.issued / cert.revoked after commit: a tracking processor reads the committed
 * events from the event store (the outbox) and retries until the broker confirms. The
 * certificate itself is not published (it is served by the CA); its identity fields are.
 */
@Component
@ProcessingGroup(EventBusConfiguration.PUBLISHER_GROUP)
class CertificateEventPublisher {

    private final IntegrationEventPublisher publisher;

    CertificateEventPublisher(IntegrationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @EventHandler
    void on(CertificateIssued event, EventMessage<?> message) {
        var type = org.conpaas.contracts.certificate.CertificateIssued.class;
        publisher.publishBeforeCommit(new org.conpaas.contracts.certificate.CertificateIssued(EventHeaders.from(message, type),
                event.serial().value(), event.subject(), event.role().value(), event.ownerId(), event.userId(),
                event.nodeId(), event.serviceId(), event.applicationId(), event.host(), event.notBefore(), event.notAfter()));
    }

    @EventHandler
    void on(CertificateRevoked event, EventMessage<?> message) {
        var type = org.conpaas.contracts.certificate.CertificateRevoked.class;
        publisher.publishBeforeCommit(new org.conpaas.contracts.certificate.CertificateRevoked(EventHeaders.from(message, type),
                event.serial().value(), event.subject(), event.role().value(), event.ownerId(), event.reason().value(),
                event.revokedAt()));
    }
}
