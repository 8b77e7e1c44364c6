package org.conpaas.kit.bus;

import org.axonframework.eventhandling.EventMessage;
import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;

import java.util.UUID;

/**
 * Builds the header of an integration event from the domain event it is published for. The
 * event id is the domain event's own id, so a publish retried after a crash carries the same id
 * and consumers drop the duplicate.
 */
public final class EventHeaders {

    private EventHeaders() {
    }

    public static EventHeader from(EventMessage<?> domainEvent, Class<? extends IntegrationEvent> type) {
        EventType name = type.getAnnotation(EventType.class);
        if (name == null) {
            throw new IllegalArgumentException(type + " has no @EventType");
        }
        Object correlation = domainEvent.getMetaData().get("correlationId");
        return new EventHeader(toUuid(domainEvent.getIdentifier()), name.value(), name.version(),
                domainEvent.getTimestamp(), correlation == null ? domainEvent.getIdentifier() : correlation.toString());
    }

    /**
     * The header of a second integration event published for the same domain event: its id is
     * derived from the domain event's id and this event's type, so it differs from the first's and
     * stays the same when the publish is retried.
     */
    public static EventHeader alongside(EventMessage<?> domainEvent, Class<? extends IntegrationEvent> type) {
        EventHeader first = from(domainEvent, type);
        UUID id = UUID.nameUUIDFromBytes((domainEvent.getIdentifier() + "/" + first.type()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new EventHeader(id, first.type(), first.version(), first.occurredAt(), first.correlationId());
    }

    /**
     * The header of an event a consumer publishes in answer to {@code cause}: its id is derived
     * from the cause's id and the answer's type, so handling a redelivered cause again publishes
     * an event with the same id, which consumers drop; the correlation id is carried on.
     */
    public static EventHeader answering(IntegrationEvent cause, Class<? extends IntegrationEvent> type, java.time.Instant at) {
        EventType name = type.getAnnotation(EventType.class);
        if (name == null) {
            throw new IllegalArgumentException(type + " has no @EventType");
        }
        UUID id = UUID.nameUUIDFromBytes((cause.header().eventId() + "/" + name.value())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String correlation = cause.header().correlationId() == null ? cause.header().eventId().toString() : cause.header().correlationId();
        return new EventHeader(id, name.value(), name.version(), at, correlation);
    }

    private static UUID toUuid(String identifier) {
        try {
            return UUID.fromString(identifier);
        } catch (IllegalArgumentException notAUuid) {
            return UUID.nameUUIDFromBytes(identifier.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
