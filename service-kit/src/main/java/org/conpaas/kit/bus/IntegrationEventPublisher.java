package org.conpaas.kit.bus;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.conpaas.contracts.event.IntegrationEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes integration events to the broker; nothing counts as published until the broker has
 * confirmed it. Called from tracking event processors, which read committed events from the event
 * store: the store is the outbox, so a failed publish is retried from the same event, never lost.
 * <p>
 * {@link #publish} returns once the broker has confirmed the event: for callers that act on the
 * outside world next. {@link #publishBeforeCommit} sends at once and awaits the confirms of all
 * events sent in the same unit of work (a tracking processor's batch) together, just before it
 * commits: the processor's token moves past a batch only when the broker has confirmed all of it,
 * and one refused or unconfirmed event rolls the batch back to be sent again (consumers drop the
 * duplicates by event id).
 */
public class IntegrationEventPublisher {

    /** The Spring Cloud Stream output binding all integration events leave through. */
    public static final String BINDING = "integrationEvents";

    private static final Logger log = LoggerFactory.getLogger(IntegrationEventPublisher.class);
    private static final String UNCONFIRMED = IntegrationEventPublisher.class.getName() + ".unconfirmed";

    private final StreamBridge bridge;
    private final IntegrationEventCodec codec;
    private final BusProperties properties;

    public IntegrationEventPublisher(StreamBridge bridge, IntegrationEventCodec codec, BusProperties properties) {
        this.bridge = bridge;
        this.codec = codec;
        this.properties = properties;
    }

    /** Publishes the event and returns once the broker has confirmed it. */
    public void publish(IntegrationEvent event) {
        awaitConfirms(List.of(send(event)));
    }

    /**
     * Publishes the event; its confirm is awaited just before the current unit of work commits, with
     * those of every other event sent in it (at once when there is no unit of work).
     */
    public void publishBeforeCommit(IntegrationEvent event) {
        Unconfirmed sent = send(event);
        if (CurrentUnitOfWork.isStarted()) {
            unconfirmedIn(CurrentUnitOfWork.get().root()).add(sent);
        } else {
            awaitConfirms(List.of(sent));
        }
    }

    private Unconfirmed send(IntegrationEvent event) {
        Unconfirmed sent = new Unconfirmed(event, new CorrelationData(event.header().eventId().toString()));
        Message<byte[]> message = MessageBuilder.fromMessage(codec.encode(event))
                .setHeader(AmqpHeaders.PUBLISH_CONFIRM_CORRELATION, sent.confirm())
                .build();
        if (!bridge.send(BINDING, message)) {
            throw new EventNotPublishedException(event, "the output binding refused it");
        }
        return sent;
    }

    /** The events sent in this unit of work, confirmed together when it is about to commit. */
    private List<Unconfirmed> unconfirmedIn(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getOrComputeResource(UNCONFIRMED, key -> {
            List<Unconfirmed> unconfirmed = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitConfirms(unconfirmed));
            return unconfirmed;
        });
    }

    private void awaitConfirms(List<Unconfirmed> sent) {
        long deadline = System.nanoTime() + properties.confirmTimeout().toNanos();
        for (Unconfirmed one : sent) {
            try {
                CorrelationData.Confirm result = one.confirm().getFuture()
                        .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (!result.isAck()) {
                    throw new EventNotPublishedException(one.event(), "the broker refused it: " + result.getReason());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventNotPublishedException(one.event(), "interrupted while waiting for the broker");
            } catch (ExecutionException | TimeoutException e) {
                throw new EventNotPublishedException(one.event(), "no confirm from the broker within " + properties.confirmTimeout());
            }
            log.debug("published {} {}", one.event().header().type(), one.event().header().eventId());
        }
    }

    /** An event handed to the broker whose confirm has not been seen yet. */
    private record Unconfirmed(IntegrationEvent event, CorrelationData confirm) {
    }
}
