package org.conpaas.kit.audit;

import java.time.Instant;

/**
 * One thing a person did, as the event store recorded it.
 *
 * @param at          when it was recorded
 * @param service     the service whose event store holds it ({@code app}, {@code identity}, …)
 * @param actor       who asked (user id and name)
 * @param action      what happened, in words ({@code application created})
 * @param event       the event's name ({@code ApplicationCreated})
 * @param object      what it happened to (its kind and id)
 * @param application the application it concerns, when it concerns one
 */
public record AuditEntry(Instant at, String service, Actor actor, String action, String event, Subject object, String application) {

    public record Actor(String id, String name) {
    }

    public record Subject(String type, String id) {
    }
}
