package org.conpaas.bench;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Issue 9's event-store measure: Axon's JDBC event store on the machine's PostgreSQL, set up as
 * every service has it ({@link KitEventStore}), in a fresh database per read model. Per read model
 * of each service ({@link ReadModel}): append {@code CONPAAS_STORE_EVENTS} (default 1 000 000) of
 * its real domain events, 100 to a transaction, then 2000 one to a transaction; replay them all
 * (read and deserialise); rebuild the read model from them through the service's own projection
 * and check its main table's rows against the events. Beside each, plain JDBC on the same PostgreSQL: batch inserts and single-row
 * commits of rows of the same size into a plain table, and a streaming scan of the very same
 * event rows.
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
                .append("| read model | measure | Axon JDBC event store | limit: plain JDBC, same PostgreSQL | ratio |\n")
                .append("|---|---|---|---|---|\n");
        for (ReadModel model : List.of(ReadModel.applications(), ReadModel.services(), ReadModel.users(), ReadModel.nodes(),
                ReadModel.certificates(), ReadModel.networks())) {
            measure(model, out);
        }
        out.append("\nRatio = Axon ÷ limit (1.00 = as fast as plain JDBC). Each read model has a database of its own, holding ")
                .append("only the events it is built from (app-service's applications and services are two). Events are the ")
                .append("services' own payload records serialised by the kit's Jackson serializer into the kit's `domain_event_entry`; ")
                .append("the plain table has a bigserial key and one bytea column holding as many bytes as an event row (`pg_column_size`). ")
                .append("The rebuild empties the model's tables and hands every event, in order, to the service's projection class, ")
                .append("made with the collaborators its Spring context gives it (cert-service's with its RevocationList on a real ")
                .append("EC P-256 CA), committing every ").append(ProjectionReplay.PER_TRANSACTION).append(" events, and fails ")
                .append("unless the main table then holds as many rows as the events add up to; its limit is a streaming scan of ")
                .append("the same event rows. cert-service's projection has a CRL of every revoked certificate signed before ")
                .append("each transaction with revocations commits (one certificate in ten is revoked), so its rebuild signs one ")
                .append("CRL per ").append(ProjectionReplay.PER_TRANSACTION).append(" events, each longer than the last.\n");
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
            ProjectionReplay.Replayed rebuilt = ProjectionReplay.rebuild(db, store, model);
            double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
            if (rebuilt.events() != events) {
                throw new IllegalStateException("the rebuild replayed " + rebuilt.events() + " of " + events + " events");
            }
            String from = String.format("%,d events", events);
            out.append(String.format("| %s | rebuild `%s` (%s) from %s | %.1f s (%.0f events/s) | %.1f s scan of those events | %.3f |%n",
                    name(model), model.table(), rowsOf(db, model, rebuilt), from, rebuildSeconds, rebuilt.events() / rebuildSeconds,
                    scan[1], scan[1] / rebuildSeconds));

            double singleSeconds = append(store, model, 10_000_000, SINGLE_COMMITS, 1);
            double rawSingle = raw.insert(SINGLE_COMMITS, 1, rowBytes);
            row(out, model, "append, 1 event per transaction", SINGLE_COMMITS / singleSeconds, "events/s",
                    SINGLE_COMMITS / rawSingle, "single-row commits/s");
        }
    }

    /**
     * The rows of each of the model's tables, e.g. "1,092 services; 4,126 nodes, 4,854 state changes";
     * fails if the main table's are not what the replayed events add up to (a rebuild that built nothing).
     */
    private static String rowsOf(BenchDatabase db, ReadModel model, ProjectionReplay.Replayed rebuilt) {
        List<String> counts = new ArrayList<>();
        for (ReadModel.Table table : model.tables()) {
            long rows = db.jdbc.queryForObject("SELECT count(*) FROM " + table.name(), Long.class);
            if (counts.isEmpty() && rows != rebuilt.mainTableRows()) {
                throw new IllegalStateException("the rebuilt " + table.name() + " has " + rows + " rows, but its " + rebuilt.events()
                        + " events add up to " + rebuilt.mainTableRows());
            }
            counts.add(String.format("%,d %s", rows, table.rows()));
        }
        return counts.get(0) + (counts.size() == 1 ? "" : "; " + String.join(", ", counts.subList(1, counts.size())));
    }

    private static String name(ReadModel model) {
        return model.service() + " `" + model.table() + "`";
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
        out.append(String.format("| %s | %s | %.0f %s | %.0f %s | %.2f |%n", name(model), measure, axon, unit, limit, limitUnit, axon / limit));
    }
}
