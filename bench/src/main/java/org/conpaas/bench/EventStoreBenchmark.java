package org.conpaas.bench;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Issue 9's event-store measure: Axon's JDBC event store on the machine's PostgreSQL, set up as
 * every service has it ({@link KitEventStore}), in a fresh database per service. Per service:
 * append {@code CONPAAS_STORE_EVENTS} (default 1 000 000) of its real domain events, 100 to a
 * transaction, then 2000 one to a transaction; replay them all (read and deserialise); rebuild
 * the service's read model from them through its own projection. Beside each, plain JDBC on the
 * same PostgreSQL: batch inserts and single-row commits of rows of the same size into a plain
 * table, and a streaming scan of the very same event rows.
 */
final class EventStoreBenchmark {

    private static final int EVENTS = BenchSettings.integer("CONPAAS_STORE_EVENTS", "conpaas.bench.store.events", 1_000_000);
    private static final int PER_COMMIT = 100;
    private static final int SINGLE_COMMITS = 2000;
    private static final String EVENT_ROWS = "SELECT global_index, time_stamp, event_identifier, aggregate_identifier, "
            + "sequence_number, type, payload_type, payload_revision, payload, meta_data FROM domain_event_entry ORDER BY global_index";

    String run() throws Exception {
        StringBuilder out = new StringBuilder("### event store: append, replay and read-model rebuild\n\n")
                .append("Measured with ").append(BenchSettings.load()).append(" at the start.\n\n")
                .append("| service | measure | Axon JDBC event store | limit: plain JDBC, same PostgreSQL | ratio |\n")
                .append("|---|---|---|---|---|\n");
        for (ReadModel model : List.of(ReadModel.applications(), ReadModel.users())) {
            measure(model, out);
        }
        out.append("\nRatio = Axon ÷ limit (1.00 = as fast as plain JDBC). Events are the services' own payload records ")
                .append("serialised by the kit's Jackson serializer into the kit's `domain_event_entry`; the plain table has a ")
                .append("bigserial key and one bytea column holding as many bytes as an event row (`pg_column_size`). ")
                .append("The rebuild hands every event, in order, to the service's projection class, committing every ")
                .append(ProjectionReplay.PER_TRANSACTION).append(" events; its limit is a streaming scan of the same event rows.\n");
        return out.toString();
    }

    private void measure(ReadModel model, StringBuilder out) throws Exception {
        try (BenchDatabase db = new BenchDatabase("store_" + model.table())) {
            List<String> scripts = new ArrayList<>(KitEventStore.SCHEMA);
            scripts.addAll(model.migrations());
            db.runScripts(scripts);
            JdbcEventStorageEngine store = KitEventStore.on(db);
            RawRows raw = new RawRows(db);

            double appendSeconds = append(store, model, 0, EVENTS, PER_COMMIT);
            long events = db.jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            int rowBytes = db.jdbc.queryForObject("SELECT avg(pg_column_size(d.*))::int FROM domain_event_entry d", Integer.class);
            double rawSeconds = raw.insert((int) events, PER_COMMIT, rowBytes);
            row(out, model, String.format("append %,d events, %d per transaction (%d-byte rows)", events, PER_COMMIT, rowBytes),
                    events / appendSeconds, "events/s", events / rawSeconds, "rows/s batch-inserted");

            double replaySeconds = replay(store);
            double[] scan = raw.scan(EVENT_ROWS);
            row(out, model, "replay: read and deserialise every event", events / replaySeconds, "events/s",
                    scan[0] / scan[1], "rows/s streaming scan of the same rows");

            long rebuildStart = System.nanoTime();
            long handled = ProjectionReplay.rebuild(db, store, model);
            double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
            long rows = db.jdbc.queryForObject("SELECT count(*) FROM " + model.table(), Long.class);
            out.append(String.format("| %s | rebuild `%s` (%,d rows) from %,d events | %.1f s (%.0f events/s) | %.1f s scan of those events | %.3f |%n",
                    model.service(), model.table(), rows, handled, rebuildSeconds, handled / rebuildSeconds, scan[1], scan[1] / rebuildSeconds));

            double singleSeconds = append(store, model, 10_000_000, SINGLE_COMMITS, 1);
            double rawSingle = raw.insert(SINGLE_COMMITS, 1, rowBytes);
            row(out, model, "append, 1 event per transaction", SINGLE_COMMITS / singleSeconds, "events/s",
                    SINGLE_COMMITS / rawSingle, "single-row commits/s");
        }
    }

    /** Appends the histories of aggregates from {@code firstAggregate} on until {@code events} are stored; returns seconds. */
    private static double append(JdbcEventStorageEngine store, ReadModel model, int firstAggregate, int events, int perCommit) {
        long start = System.nanoTime();
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        int appended = 0;
        for (int aggregate = firstAggregate; appended < events; aggregate++) {
            for (DomainEventMessage<?> event : model.history().apply(aggregate)) {
                batch.add(event);
                if (batch.size() == perCommit) {
                    store.appendEvents(batch);
                    appended += batch.size();
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            store.appendEvents(batch);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double replay(JdbcEventStorageEngine store) {
        long start = System.nanoTime();
        try (Stream<? extends TrackedEventMessage<?>> events = store.readEvents(null, false)) {
            events.forEach(TrackedEventMessage::getPayload);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void row(StringBuilder out, ReadModel model, String measure, double axon, String unit, double limit, String limitUnit) {
        out.append(String.format("| %s | %s | %.0f %s | %.0f %s | %.2f |%n", model.service(), measure, axon, unit, limit, limitUnit, axon / limit));
    }
}
