package org.conpaas.identity.token;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.conpaas.contracts.id.UserId;
import org.conpaas.contracts.identity.UserSessionEnded;
import org.conpaas.kit.bus.EventHeaders;
import org.conpaas.kit.bus.IntegrationEventPublisher;
import org.springframework.stereotype.Component;

/** Publishes user.session-ended after commit (the event store is the outbox): every service then refuses the session's tokens. */
@Component
@ProcessingGroup("integration-publisher")
class SessionEventPublisher {

    private final IntegrationEventPublisher publisher;

    SessionEventPublisher(IntegrationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @EventHandler
    void on(SessionEnded e, EventMessage<?> message) {
        publisher.publishBeforeCommit(new UserSessionEnded(EventHeaders.from(message, UserSessionEnded.class),
                UserId.of(e.userId()), e.sessionId(), e.reason()));
    }
}
