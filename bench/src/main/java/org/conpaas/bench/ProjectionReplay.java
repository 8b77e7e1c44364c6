package org.conpaas.bench;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import java.util.Iterator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rebuilds a read model the way a replay would: every event read from the event store in order
 * (Axon's tracked stream) and handed to the service's own projection, its SQL committed every
 * {@value #PER_TRANSACTION} events. The services' projections are subscribing, so a rebuild is
 * such a direct replay rather than a tracking-token reset.
 */
final class ProjectionReplay {

    static final int PER_TRANSACTION = 1000;

    /** What a rebuild replayed: the events handled, and the rows of the main table they add up to. */
    record Replayed(long events, long mainTableRows) {
    }

    private ProjectionReplay() {
    }

    /** Empties the read model's tables and replays every event into them. */
    static Replayed rebuild(BenchDatabase db, JdbcEventStorageEngine store, ReadModel model) throws Exception {
        db.jdbc.execute("TRUNCATE " + model.tables().stream().map(ReadModel.Table::name).collect(Collectors.joining(", ")) + " CASCADE");
        AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(model.projection().apply(db.jdbc));
        long handled = 0;
        long rows = 0;
        TransactionStatus tx = db.transactions.getTransaction(new DefaultTransactionDefinition());
        try (Stream<? extends TrackedEventMessage<?>> events = store.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> it = events.iterator();
            while (it.hasNext()) {
                TrackedEventMessage<?> event = it.next();
                projection.handle(event);
                rows += model.rowChanges().getOrDefault(event.getPayloadType(), 0);
                if (++handled % PER_TRANSACTION == 0) {
                    db.transactions.commit(tx);
                    tx = db.transactions.getTransaction(new DefaultTransactionDefinition());
                }
            }
            db.transactions.commit(tx);
        } catch (Exception | Error e) {
            if (!tx.isCompleted()) {
                db.transactions.rollback(tx);
            }
            throw e;
        }
        return new Replayed(handled, rows);
    }
}
