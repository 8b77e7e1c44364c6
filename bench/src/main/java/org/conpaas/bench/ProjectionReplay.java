package org.conpaas.bench;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Rebuilds a read model the way a replay would: every event read from the event store in order
 * (Axon's tracked stream) and handed to the service's own projection, its SQL committed every
 * {@value #PER_TRANSACTION} events. The services' projections are subscribing, so a rebuild is
 * such a direct replay rather than a tracking-token reset.
 */
final class ProjectionReplay {

    static final int PER_TRANSACTION = 1000;

    private ProjectionReplay() {
    }

    /** Empties the read model's table, replays every event into it; returns the events handled. */
    static long rebuild(BenchDatabase db, JdbcEventStorageEngine store, ReadModel model) throws Exception {
        db.jdbc.execute("TRUNCATE " + model.table() + " CASCADE");
        AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(model.newProjection(db.jdbc));
        long handled = 0;
        TransactionStatus tx = db.transactions.getTransaction(new DefaultTransactionDefinition());
        try (Stream<? extends TrackedEventMessage<?>> events = store.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> it = events.iterator();
            while (it.hasNext()) {
                projection.handle(it.next());
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
        return handled;
    }
}
