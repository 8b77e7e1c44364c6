package org.conpaas.kit.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail of a service that keeps an event store: commands sent from a user's request carry
 * who sent it, the events they cause inherit it (correlation data beside Axon's own message origin),
 * and GET /internal/audit reads it back.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
@ConditionalOnClass(CommandBus.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class AuditConfiguration {

    /** Axon's default (correlation and trace ids), kept: defining a provider replaces it otherwise. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider auditCorrelation() {
        return new SimpleCorrelationDataProvider(AuditMetaData.ACTOR, AuditMetaData.ACTOR_NAME, AuditMetaData.APPLICATION);
    }

    @Bean
    SmartInitializingSingleton actorOnCommands(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(new ActorOnCommands());
    }

    @Bean
    AuditTrail auditTrail(JdbcTemplate jdbc, ObjectMapper json, @Value("${spring.application.name:service}") String name) {
        return new AuditTrail(jdbc, json, name.replace("-service", ""));
    }

    @Bean
    AuditController auditController(AuditTrail trail) {
        return new AuditController(trail);
    }
}
