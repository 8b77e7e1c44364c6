package org.conpaas.kit.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
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

    @Bean
    @ConditionalOnMissingBean
    ProcessedEvents processedEvents(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new ProcessedEvents(jdbc, new TransactionTemplate(transactions));
    }
}
