package org.conpaas.gateway.security;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.UUID;

/** The gateway's own queue (exclusive, deleted when it goes: each instance hears every revocation) for user.session-ended and user.disabled. */
@Configuration
class RevocationSubscription {

    @Bean
    Declarables tokenRevocationQueue(@Value("${conpaas.bus.exchange:conpaas.events}") String exchange) {
        TopicExchange events = new TopicExchange(exchange, true, false); // as the services' binder declares it
        Queue queue = new Queue("conpaas.revocations.gateway." + UUID.randomUUID(), false, true, true);
        Binding ended = BindingBuilder.bind(queue).to(events).with("user.session-ended");
        Binding disabled = BindingBuilder.bind(queue).to(events).with("user.disabled");
        return new Declarables(events, queue, ended, disabled);
    }

    @Bean
    SimpleMessageListenerContainer tokenRevocationListener(ConnectionFactory connections, Declarables tokenRevocationQueue,
                                                           RevokedTokens revoked) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueues(tokenRevocationQueue.getDeclarablesByType(Queue.class).toArray(Queue[]::new));
        container.setMessageListener(revoked);
        container.setMissingQueuesFatal(false);
        container.setDefaultRequeueRejected(false);
        return container;
    }
}
