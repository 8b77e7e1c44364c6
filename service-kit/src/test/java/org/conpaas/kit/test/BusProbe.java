package org.conpaas.kit.test;

import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.kit.bus.IntegrationEventCodec;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * The test's hands on the broker: sends integration events as another service would (same
 * headers, same routing key) and listens, on a queue of its own, to what the service publishes.
 */
public final class BusProbe implements AutoCloseable {

    private final RabbitTemplate rabbit;
    private final RabbitAdmin admin;
    private final IntegrationEventCodec codec;
    private final String exchange;
    private final Queue queue;

    /** Listens to the events whose routing keys match {@code patterns} (e.g. "node.*"). */
    public BusProbe(ConnectionFactory connections, IntegrationEventCodec codec, String exchange, String... patterns) {
        this.rabbit = new RabbitTemplate(connections);
        this.admin = new RabbitAdmin(connections);
        this.codec = codec;
        this.exchange = exchange;
        this.queue = new AnonymousQueue();
        admin.declareQueue(queue);
        for (String pattern : patterns) {
            admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(exchange)).with(pattern));
        }
    }

    public void send(IntegrationEvent event) {
        var message = codec.encode(event);
        MessageProperties props = new MessageProperties();
        message.getHeaders().forEach((k, v) -> {
            if (v != null && !k.equals("id") && !k.equals("timestamp")) {
                props.setHeader(k, v);
            }
        });
        props.setContentType("application/json");
        rabbit.send(exchange, event.header().type(), new Message(message.getPayload(), props));
    }

    /** Waits (30 s at most) for {@code count} published event bodies (JSON) that match; others are dropped. */
    public List<String> receive(int count, Predicate<String> wanted) {
        List<String> bodies = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Message m = rabbit.receive(queue.getName());
            String body = m == null ? null : new String(m.getBody(), StandardCharsets.UTF_8);
            if (body != null && wanted.test(body)) {
                bodies.add(body);
            }
            return bodies.size() >= count;
        });
        return bodies;
    }

    /** Events of type {@code type} that mention {@code about} (an id). */
    public List<String> receive(int count, String type, String about) {
        return receive(count, body -> body.contains("\"type\":\"" + type + "\"") && body.contains(about));
    }

    @Override
    public void close() {
        admin.deleteQueue(queue.getName());
    }
}
