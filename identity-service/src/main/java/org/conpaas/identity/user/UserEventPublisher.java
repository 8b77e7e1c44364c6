package org.conpaas.identity.user;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.conpaas.identity.user.api.CreditAdjusted;
import org.conpaas.identity.user.api.UserDisabled;
import org.conpaas.identity.user.api.UserRegistered;
import org.conpaas.kit.bus.EventHeaders;
import org.conpaas.kit.bus.IntegrationEventPublisher;
import org.springframework.stereotype.Component;

/** Publishes user.registered, user.credit-changed (and user.credit-charged for billing) and user.disabled after commit (tracking processor). */
@Component
@ProcessingGroup("integration-publisher")
class UserEventPublisher {

    private final IntegrationEventPublisher publisher;

    UserEventPublisher(IntegrationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @EventHandler
    void on(UserRegistered e, EventMessage<?> message) {
        var type = org.conpaas.contracts.identity.UserRegistered.class;
        publisher.publishBeforeCommit(new org.conpaas.contracts.identity.UserRegistered(EventHeaders.from(message, type),
                e.userId(), e.username(), e.email(), e.role().claim(), e.credit()));
    }

    @EventHandler
    void on(CreditAdjusted e, EventMessage<?> message) {
        var type = org.conpaas.contracts.identity.UserCreditChanged.class;
        publisher.publishBeforeCommit(new org.conpaas.contracts.identity.UserCreditChanged(EventHeaders.from(message, type),
                e.userId(), e.delta(), e.balance(), e.reason()));
        if (e.nodeId() != null) {
            var charged = org.conpaas.contracts.identity.UserCreditCharged.class;
            publisher.publishBeforeCommit(new org.conpaas.contracts.identity.UserCreditCharged(EventHeaders.alongside(message, charged),
                    e.userId(), e.nodeId(), -e.delta(), e.balance()));
        }
    }

    @EventHandler
    void on(UserDisabled e, EventMessage<?> message) {
        var type = org.conpaas.contracts.identity.UserDisabled.class;
        publisher.publishBeforeCommit(new org.conpaas.contracts.identity.UserDisabled(EventHeaders.from(message, type),
                e.userId(), e.reason()));
    }
}
