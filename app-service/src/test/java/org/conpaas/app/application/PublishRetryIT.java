package org.conpaas.app.application;

import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.kit.bus.BusProperties;
import org.conpaas.kit.bus.EventNotPublishedException;
import org.conpaas.kit.bus.IntegrationEventCodec;
import org.conpaas.kit.bus.IntegrationEventPublisher;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.conpaas.kit.test.TestTokenDecoder;
import org.conpaas.kit.test.TestTokens;
import org.springframework.context.annotation.Import;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event store is the outbox: when publishing fails (the broker does not confirm), the
 * command has already succeeded, and the integration publisher retries the same event until it
 * goes out — it never skips past it. The first two publishes here fail on purpose.
 */
@ServiceIntegrationTest
@Import(TestTokenDecoder.class)
class PublishRetryIT {

    private static final TestTokens TOKENS = TestTokens.ISSUER;
    private static final AtomicInteger ATTEMPTS = new AtomicInteger();

    @TestConfiguration
    static class Flaky {
        /** The real publisher, but the broker "fails" the first two attempts. */
        @Bean
        IntegrationEventPublisher flakyPublisher(StreamBridge bridge, IntegrationEventCodec codec, BusProperties properties) {
            return new IntegrationEventPublisher(bridge, codec, properties) {
                @Override
                public void publishBeforeCommit(IntegrationEvent event) {
                    if (ATTEMPTS.incrementAndGet() <= 2) {
                        throw new EventNotPublishedException(event, "no confirm from the broker (simulated)");
                    }
                    super.publishBeforeCommit(event);
                }
            };
        }
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    ConnectionFactory rabbit;
    @Value("${conpaas.bus.exchange}")
    String exchange;

    @Test
    void aFailedPublishIsRetriedUntilTheEventGoesOut() {
        RabbitAdmin admin = new RabbitAdmin(rabbit);
        Queue probe = admin.declareQueue();
        admin.declareBinding(BindingBuilder.bind(probe).to(new TopicExchange(exchange)).with("app.created"));

        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TOKENS.user(UUID.randomUUID().toString(), "alice"));
        headers.setContentType(MediaType.APPLICATION_JSON);
        var created = http.exchange("/api/apps", HttpMethod.POST, new HttpEntity<>("{\"name\":\"survivor\"}", headers), String.class);
        assertThat(created.getStatusCode()).as("the command does not wait for the broker").isEqualTo(HttpStatus.CREATED);

        RabbitTemplate template = new RabbitTemplate(rabbit);
        Message[] received = new Message[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> (received[0] = template.receive(probe.getName())) != null);
        assertThat(new String(received[0].getBody())).contains("\"name\":\"survivor\"");
        assertThat(ATTEMPTS.get()).as("two failed attempts, then the one that went out").isEqualTo(3);
        admin.deleteQueue(probe.getName());
    }
}
