package org.conpaas.kit.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.conpaas.contracts.application.ApplicationCreated;
import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.UserId;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * When the publisher waits for the broker's confirms: at once for {@code publish}, and for
 * {@code publishBeforeCommit} together just before the unit of work commits, failing the commit
 * (so a tracking processor keeps its token and sends the batch again) when one is refused or late.
 * The broker's side is played by completing the confirms the publisher handed over.
 */
class IntegrationEventPublisherTest {

    private final List<CorrelationData> sent = new ArrayList<>();
    private final IntegrationEventPublisher publisher = publisherOn(brokerRecordingConfirms(), Duration.ofMillis(300));

    @Test
    void eventsOfAUnitOfWorkAreSentAtOnceAndConfirmedTogetherBeforeItCommits() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        publisher.publishBeforeCommit(event("first"));
        publisher.publishBeforeCommit(event("second"));
        publisher.publishBeforeCommit(event("third"));

        assertThat(sent).hasSize(3).noneMatch(c -> c.getFuture().isDone());
        sent.forEach(c -> c.getFuture().complete(new CorrelationData.Confirm(true, null)));
        batch.commit();

        assertThat(batch.isRolledBack()).isFalse();
    }

    @Test
    void oneRefusedEventRollsTheWholeUnitOfWorkBack() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        List<String> rolledBack = new ArrayList<>();
        batch.onRollback(u -> rolledBack.add("batch"));
        publisher.publishBeforeCommit(event("first"));
        publisher.publishBeforeCommit(event("second"));
        sent.get(0).getFuture().complete(new CorrelationData.Confirm(true, null));
        sent.get(1).getFuture().complete(new CorrelationData.Confirm(false, "queue full"));

        assertThatThrownBy(batch::commit).isInstanceOf(EventNotPublishedException.class).hasMessageContaining("queue full");
        assertThat(rolledBack).containsExactly("batch");
    }

    @Test
    void anUnconfirmedEventFailsTheCommitAfterTheConfirmTimeout() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        publisher.publishBeforeCommit(event("never confirmed"));

        assertThatThrownBy(batch::commit).isInstanceOf(EventNotPublishedException.class).hasMessageContaining("no confirm");
        assertThat(batch.isRolledBack()).isTrue();
    }

    @Test
    void publishWaitsForItsOwnConfirmEvenInsideAUnitOfWork() {
        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        try {
            assertThatThrownBy(() -> publisher.publish(event("not confirmed"))).isInstanceOf(EventNotPublishedException.class);
        } finally {
            org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get().rollback();
        }
    }

    @Test
    void outsideAUnitOfWorkPublishBeforeCommitWaitsAtOnce() {
        assertThatThrownBy(() -> publisher.publishBeforeCommit(event("not confirmed"))).isInstanceOf(EventNotPublishedException.class);
        assertThat(sent).hasSize(1);
    }

    @Test
    void aBindingThatRefusesTheMessageFailsThePublishAtOnce() {
        StreamBridge refusing = mock(StreamBridge.class);
        when(refusing.send(eq(IntegrationEventPublisher.BINDING), any(Object.class))).thenReturn(false);
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        try {
            assertThatThrownBy(() -> publisherOn(refusing, Duration.ofSeconds(1)).publishBeforeCommit(event("refused")))
                    .isInstanceOf(EventNotPublishedException.class).hasMessageContaining("refused");
        } finally {
            batch.rollback();
        }
    }

    private StreamBridge brokerRecordingConfirms() {
        StreamBridge bridge = mock(StreamBridge.class);
        when(bridge.send(eq(IntegrationEventPublisher.BINDING), any(Object.class))).thenAnswer(call -> {
            Message<?> message = call.getArgument(1);
            sent.add((CorrelationData) message.getHeaders().get(AmqpHeaders.PUBLISH_CONFIRM_CORRELATION));
            return true;
        });
        return bridge;
    }

    private static IntegrationEventPublisher publisherOn(StreamBridge bridge, Duration confirmTimeout) {
        IntegrationEventCodec codec = new IntegrationEventCodec(new ObjectMapper().registerModule(new JavaTimeModule()));
        return new IntegrationEventPublisher(bridge, codec, new BusProperties("conpaas.events", confirmTimeout));
    }

    private static ApplicationCreated event(String name) {
        String application = UUID.randomUUID().toString();
        return new ApplicationCreated(new EventHeader(UUID.randomUUID(), "app.created", 1, Instant.now(), application),
                ApplicationId.of(application), UserId.of("owner"), name);
    }
}
