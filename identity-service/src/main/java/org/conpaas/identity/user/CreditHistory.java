package org.conpaas.identity.user;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.conpaas.identity.user.api.CreditAdjusted;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A user's credit changes (administrators' adjustments and billing charges), newest first, read
 * from the User aggregate's own events: the event store is the history, nothing else is kept.
 */
@Component
class CreditHistory {

    /** One change: when, by how much, the balance after it and why. */
    record CreditChange(Instant at, long delta, long balance, String reason) {
    }

    static final int LIMIT = 500;

    private final EventStore events;

    CreditHistory(EventStore events) {
        this.events = events;
    }

    /** The newest {@value #LIMIT} changes of {@code userId}'s credit, newest first. */
    List<CreditChange> of(String userId) {
        Deque<CreditChange> newestFirst = new ArrayDeque<>();
        // from sequence 0, past any snapshot: a snapshot holds the balance, not how it came to be
        events.readEvents(userId, 0).asStream()
                .filter(e -> e.getPayload() instanceof CreditAdjusted)
                .forEach((DomainEventMessage<?> e) -> {
                    CreditAdjusted c = (CreditAdjusted) e.getPayload();
                    newestFirst.addFirst(new CreditChange(e.getTimestamp(), c.delta(), c.balance(), c.reason()));
                    if (newestFirst.size() > LIMIT) {
                        newestFirst.removeLast();
                    }
                });
        return new ArrayList<>(newestFirst);
    }
}
