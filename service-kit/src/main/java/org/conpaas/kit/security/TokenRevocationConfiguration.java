package org.conpaas.kit.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.conpaas.kit.bus.BusProperties;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.util.UUID;

/**
 * Every instance of every service hears every token revocation: a queue of its own (not
 * durable, exclusive, deleted when the instance goes), bound to {@code user.session-ended} and
 * {@code user.disabled} on the topic exchange, feeding {@link RevokedTokens}. Not a group queue:
 * competing consumers would each see only some of the revocations.
 */
@AutoConfiguration(after = RabbitAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(ConnectionFactory.class)
@EnableConfigurationProperties({SecurityProperties.class, BusProperties.class})
public class TokenRevocationConfiguration {

    @Bean
    Declarables tokenRevocationQueue(BusProperties bus, @Value("${spring.application.name:service}") String service) {
        TopicExchange events = new TopicExchange(bus.exchange(), true, false); // as the binder declares it
        Queue queue = new Queue("conpaas.revocations." + service + "." + UUID.randomUUID(), false, true, true);
        Binding ended = BindingBuilder.bind(queue).to(events).with(TokenRevocationListener.SESSION_ENDED);
        Binding disabled = BindingBuilder.bind(queue).to(events).with(TokenRevocationListener.USER_DISABLED);
        return new Declarables(events, queue, ended, disabled);
    }

    @Bean
    SimpleMessageListenerContainer tokenRevocationListener(ConnectionFactory connections, Declarables tokenRevocationQueue,
                                                           ObjectMapper json, RevokedTokens revoked) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueues(tokenRevocationQueue.getDeclarablesByType(Queue.class).toArray(Queue[]::new));
        container.setMessageListener(new TokenRevocationListener(json, revoked));
        container.setMissingQueuesFatal(false);
        container.setDefaultRequeueRejected(false);
        return container;
    }
}
