package org.conpaas.kit.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.util.concurrent.Executors;

/**
 * Axon on the service's own PostgreSQL: the JDBC event store, token store and saga store with
 * snake_case tables (created by Flyway from db/kit), one Jackson serializer for everything, and
 * a snapshot trigger aggregates name as {@value #SNAPSHOT_TRIGGER}. No Axon Server.
 */
@AutoConfiguration(before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class})
@EnableConfigurationProperties(AxonKitProperties.class)
public class AxonOnPostgresConfiguration {

    public static final String SNAPSHOT_TRIGGER = "conpaasSnapshotTrigger";

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry").snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index").timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier").aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number").typeColumn("type")
                .payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision")
                .payloadColumn("payload").metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry").setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment").setTokenColumn("token").setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp").setOwnerColumn("owner")
                .build();
    }

    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry").revisionColumn("revision").serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry").associationKeyColumn("association_key")
                .associationValueColumn("association_value").sagaIdColumn("saga_id").sagaTypeColumn("saga_type")
                .build());
    }

    /** One Jackson serializer for events, messages, snapshots, tokens and sagas. */
    @Bean
    @Primary
    Serializer serializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // aggregates and sagas keep their state in private fields without setters
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(mapper).lenientDeserialization().build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /**
     * Snapshots are taken on their own thread: taken inline, the snapshot's transaction would
     * wait for a pooled connection while the command still holds the aggregate's lock and its
     * own connection, which starves the pool under concurrent commands.
     */
    @Bean
    @Primary
    SpringAggregateSnapshotter conpaasSnapshotter(org.axonframework.config.Configuration configuration,
                                                  EventStore eventStore, TransactionManager transactionManager,
                                                  ParameterResolverFactory parameterResolvers, HandlerDefinition handlers) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolvers)
                .handlerDefinition(handlers)
                .executor(Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "axon-snapshotter");
                    thread.setDaemon(true);
                    return thread;
                }))
                .build();
    }

    @Bean(SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition conpaasSnapshotTrigger(Snapshotter snapshotter, AxonKitProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }
}
