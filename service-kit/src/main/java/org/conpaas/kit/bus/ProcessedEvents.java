package org.conpaas.kit.bus;

import org.conpaas.contracts.event.IntegrationEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Consumer;

/**
 * Makes a consumer idempotent: the event is marked processed and handled in one transaction, so
 * a redelivered event is skipped and a failed one is neither marked nor half-handled (the binder
 * then retries it and finally dead-letters it).
 */
public class ProcessedEvents {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEvents.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public ProcessedEvents(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Runs {@code handler} once per consumer and event id; returns false for a duplicate. */
    public <E extends IntegrationEvent> boolean handleOnce(String consumer, E event, Consumer<E> handler) {
        Boolean handled = transaction.execute(status -> {
            int inserted = jdbc.update("""
                    INSERT INTO processed_event (consumer, event_id, event_type) VALUES (?, ?, ?)
                    ON CONFLICT (consumer, event_id) DO NOTHING""",
                    consumer, event.header().eventId(), event.header().type());
            if (inserted == 0) {
                log.debug("{} already handled {} {}", consumer, event.header().type(), event.header().eventId());
                return false;
            }
            handler.accept(event);
            return true;
        });
        return Boolean.TRUE.equals(handled);
    }

    public long count(String consumer) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE consumer = ?", Long.class, consumer);
        return n == null ? 0 : n;
    }
}
