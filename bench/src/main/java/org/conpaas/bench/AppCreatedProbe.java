package org.conpaas.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A second consumer of app.created: a queue of the benchmark's own bound to the services'
 * exchange with the same routing key vpn-service binds, noting when each application's event
 * arrived. It times the publishing half of the pipeline (event store → app-service's publisher →
 * broker → a consumer) apart from vpn-service's handling.
 */
final class AppCreatedProbe implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;
    private final String queue;
    private final Map<String, Instant> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    AppCreatedProbe(String exchange) throws Exception {
        connection = BenchBroker.connect("bench-probe");
        channel = connection.createChannel();
        queue = exchange + ".bench-probe";
        channel.exchangeDeclare(exchange, "topic", true);
        channel.queueDeclare(queue, false, true, true, null);
        channel.queueBind(queue, exchange, "app.created");
        DeliverCallback onMessage = (tag, delivery) -> {
            Instant at = Instant.now();
            JsonNode body = RunningNutshell.JSON.readTree(delivery.getBody());
            arrivals.putIfAbsent(body.get("applicationId").asText(), at);
            bytes.addAndGet(delivery.getBody().length);
        };
        channel.basicConsume(queue, true, onMessage, tag -> { });
    }

    /** When the app.created of {@code applicationId} reached this consumer, or null. */
    Instant arrival(String applicationId) {
        return arrivals.get(applicationId);
    }

    /** The mean size of an app.created message body, in bytes. */
    int meanBodyBytes() {
        return arrivals.isEmpty() ? 300 : (int) (bytes.get() / arrivals.size());
    }

    @Override
    public void close() throws Exception {
        channel.queueDelete(queue);
        connection.close();
    }
}
