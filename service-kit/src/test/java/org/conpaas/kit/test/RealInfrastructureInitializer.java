package org.conpaas.kit.test;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a service's test context at its own fresh database and exchange on the real
 * PostgreSQL and RabbitMQ. Use through {@link ServiceIntegrationTest}.
 */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        RealInfrastructure infra = RealInfrastructure.get();
        String purpose = context.getEnvironment().getProperty("spring.application.name", "svc");
        TestPropertyValues.of(
                "spring.datasource.url=" + infra.newDatabase(purpose),
                "spring.datasource.username=" + infra.dbUser(),
                "spring.datasource.password=" + infra.dbPassword(),
                "spring.rabbitmq.host=" + infra.amqpHost(),
                "spring.rabbitmq.port=" + infra.amqpPort(),
                "spring.rabbitmq.username=" + infra.amqpUser(),
                "spring.rabbitmq.password=" + infra.amqpPassword(),
                "conpaas.bus.exchange=" + infra.newExchange(purpose),
                "conpaas.axon.snapshot-threshold=3",
                "axon.eventhandling.processors.integration-publisher.thread-count=1"
        ).applyTo(context.getEnvironment());
    }
}
