package org.conpaas.kit.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Integration events over RabbitMQ: the codec, the confirming publisher and idempotent consumption. */
@AutoConfiguration
@EnableConfigurationProperties(BusProperties.class)
public class EventBusConfiguration {

    /** The tracking processing group every service publishes its integration events from. */
    public static final String PUBLISHER_GROUP = "integration-publisher";

    @Bean
    @ConditionalOnMissingBean
    IntegrationEventCodec integrationEventCodec(ObjectMapper json) {
        return new IntegrationEventCodec(json);
    }

    @Bean
    @ConditionalOnMissingBean
    IntegrationEventPublisher integrationEventPublisher(StreamBridge bridge, IntegrationEventCodec codec,
                                                        BusProperties properties) {
        return new IntegrationEventPublisher(bridge, codec, properties);
    }

    /**
     * A publish that fails must be retried, never skipped: Axon's default error handler would log
     * the failure and move on, losing the event. Propagating it makes the tracking processor back
     * off and process the same event again until the broker takes it.
     */
    @Bean
    ConfigurerModule integrationPublisherRetries() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                PUBLISHER_GROUP, c -> PropagatingErrorHandler.instance());
    }

    @Bean
    @ConditionalOnMissingBean
    ProcessedEvents processedEvents(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new ProcessedEvents(jdbc, new TransactionTemplate(transactions));
    }
}
