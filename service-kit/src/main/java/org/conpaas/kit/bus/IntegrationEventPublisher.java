package org.conpaas.kit.bus;

import org.conpaas.contracts.event.IntegrationEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes integration events to the broker and returns only once the broker has confirmed
 * them. Called from tracking event processors, which read committed events from the event store:
 * the store is the outbox, so a failed publish is retried from the same event, never lost.
 */
public class IntegrationEventPublisher {

    /** The Spring Cloud Stream output binding all integration events leave through. */
    public static final String BINDING = "integrationEvents";

    private static final Logger log = LoggerFactory.getLogger(IntegrationEventPublisher.class);

    private final StreamBridge bridge;
    private final IntegrationEventCodec codec;
    private final BusProperties properties;

    public IntegrationEventPublisher(StreamBridge bridge, IntegrationEventCodec codec, BusProperties properties) {
        this.bridge = bridge;
        this.codec = codec;
        this.properties = properties;
    }

    public void publish(IntegrationEvent event) {
        CorrelationData confirm = new CorrelationData(event.header().eventId().toString());
        Message<byte[]> message = MessageBuilder.fromMessage(codec.encode(event))
                .setHeader(AmqpHeaders.PUBLISH_CONFIRM_CORRELATION, confirm)
                .build();
        if (!bridge.send(BINDING, message)) {
            throw new EventNotPublishedException(event, "the output binding refused it");
        }
        awaitConfirm(event, confirm);
        log.debug("published {} {}", event.header().type(), event.header().eventId());
    }

    private void awaitConfirm(IntegrationEvent event, CorrelationData confirm) {
        try {
            CorrelationData.Confirm result = confirm.getFuture()
                    .get(properties.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!result.isAck()) {
                throw new EventNotPublishedException(event, "the broker refused it: " + result.getReason());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotPublishedException(event, "interrupted while waiting for the broker");
        } catch (ExecutionException | TimeoutException e) {
            throw new EventNotPublishedException(event, "no confirm from the broker within " + properties.confirmTimeout());
        }
    }
}
