package org.conpaas.gateway.dashboard;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One integration event as the dashboard relays it: its type and id, when it happened, whom it
 * concerns (owner or user, application), and its JSON body unchanged.
 */
public record PlatformEvent(String id, String type, Instant occurredAt, String ownerId, String applicationId, JsonNode body) {

    /** Reads the fields the dashboard filters on from a contracts event (header first, then its ids). */
    static PlatformEvent of(JsonNode body, String routingKey) {
        JsonNode header = body.path("header");
        String type = text(header, "type");
        Instant at;
        try {
            at = header.hasNonNull("occurredAt") ? Instant.parse(header.get("occurredAt").asText()) : Instant.now();
        } catch (RuntimeException unreadable) {
            at = Instant.now();
        }
        String owner = text(body, "ownerId");
        if (owner == null && type != null && type.startsWith("user.")) {
            owner = text(body, "userId");
        }
        return new PlatformEvent(text(header, "eventId"), type == null ? routingKey : type, at, owner,
                text(body, "applicationId"), body);
    }

    /** Failures an operator wants to see: a node failed, addresses refused, anything "failed"/"refused". */
    boolean isFailure() {
        return type != null && (type.endsWith(".failed") || type.endsWith("-refused") || type.endsWith(".refused"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
