package org.conpaas.gateway.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.UUID;

/**
 * The gateway's subscription to the integration events: a queue of its own (not durable,
 * exclusive, deleted when the gateway goes: each gateway instance sees every event) bound to
 * the services' topic exchange with '#'. Off with {@code conpaas.gateway.events.enabled=false}:
 * the dashboard then works without live updates.
 */
@Configuration
@EnableConfigurationProperties(EventStreamProperties.class)
class EventFeedConfiguration {

    @Bean
    EventFeed eventFeed(ObjectMapper json, EventStreamProperties properties) {
        return new EventFeed(json, new EventStatistics(Clock.systemUTC(), properties.recent()), properties.enabled());
    }

    @Configuration
    @ConditionalOnProperty(name = "conpaas.gateway.events.enabled", havingValue = "true", matchIfMissing = true)
    static class Subscription {

        @Bean
        TopicExchange integrationEvents(@Value("${conpaas.bus.exchange:conpaas.events}") String exchange) {
            // declared as the services' binder declares it (durable topic), so whoever comes first makes it
            return new TopicExchange(exchange, true, false);
        }

        @Bean
        Queue dashboardQueue() {
            return new Queue("conpaas.gateway.dashboard." + UUID.randomUUID(), false, true, true);
        }

        @Bean
        Binding dashboardBinding(Queue dashboardQueue, TopicExchange integrationEvents) {
            return BindingBuilder.bind(dashboardQueue).to(integrationEvents).with("#");
        }

        @Bean
        SimpleMessageListenerContainer dashboardListener(ConnectionFactory connections, Queue dashboardQueue, EventFeed feed) {
            connections.addConnectionListener(new ConnectionListener() {
                @Override
                public void onCreate(Connection connection) {
                    feed.connectionChanged(true);
                }

                @Override
                public void onClose(Connection connection) {
                    feed.connectionChanged(false);
                }
            });
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
            container.setQueues(dashboardQueue);
            container.setMessageListener(feed);
            container.setMissingQueuesFatal(false);
            container.setDefaultRequeueRejected(false);
            return container;
        }
    }
}
