package org.conpaas.contracts.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What every integration event carries besides its payload: a unique id (consumers dedupe on
 * it), its type and version (the routing key and the shape of the payload), when it happened in
 * the publishing service, and the correlation id of the request or saga that caused it.
 */
public record EventHeader(UUID eventId, String type, int version, Instant occurredAt, String correlationId) {
    public EventHeader {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more, was " + version);
        }
    }
}
