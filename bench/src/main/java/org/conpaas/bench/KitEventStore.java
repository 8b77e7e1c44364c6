package org.conpaas.bench;

import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.conpaas.kit.axon.AxonOnPostgresConfiguration;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Axon's JDBC event store as every service gets it: the kit's own {@code EventSchema} and Jackson
 * serializer beans (taken from {@link AxonOnPostgresConfiguration} itself, not copied), the kit's
 * Flyway schema, and the connection and transaction wiring of Axon's Spring Boot auto-configuration.
 */
final class KitEventStore {

    /** The kit's Flyway scripts that create the event store's tables. */
    static final List<String> SCHEMA = List.of("db/kit/V0_1__axon_event_store.sql", "db/kit/V0_2__processed_events.sql");

    private KitEventStore() {
    }

    static Serializer serializer() {
        return (Serializer) bean("serializer");
    }

    static JdbcEventStorageEngine on(BenchDatabase db) {
        Serializer serializer = serializer();
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(db.dataSource)))
                .transactionManager(new SpringTransactionManager(db.transactions))
                .schema((EventSchema) bean("eventSchema"))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
    }

    /** A bean method of the kit's configuration (package-private there, so called reflectively). */
    private static Object bean(String method) {
        try {
            Method m = AxonOnPostgresConfiguration.class.getDeclaredMethod(method);
            m.setAccessible(true);
            return m.invoke(new AxonOnPostgresConfiguration());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("service-kit's AxonOnPostgresConfiguration has no " + method + "()", e);
        }
    }
}
