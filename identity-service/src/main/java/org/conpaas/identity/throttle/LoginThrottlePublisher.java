package org.conpaas.identity.throttle;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.conpaas.contracts.identity.UserLoginThrottled;
import org.conpaas.kit.bus.EventHeaders;
import org.conpaas.kit.bus.IntegrationEventPublisher;
import org.springframework.stereotype.Component;

/** Publishes user.login-throttled after commit (the event store is the outbox), for the operations page. */
@Component
@ProcessingGroup("integration-publisher")
class LoginThrottlePublisher {

    private final IntegrationEventPublisher publisher;

    LoginThrottlePublisher(IntegrationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @EventHandler
    void on(LoginThrottled e, EventMessage<?> message) {
        publisher.publishBeforeCommit(new UserLoginThrottled(EventHeaders.from(message, UserLoginThrottled.class),
                e.username(), e.clientAddress(), e.throttledBy(), e.failures(), e.retryAfterSeconds()));
    }
}
