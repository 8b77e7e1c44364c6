package org.conpaas.gateway.dashboard;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * How the services' event queues stand: messages waiting and consumers on each group queue, and
 * messages in its dead-letter queue (those that failed every retry). Asked of the broker each
 * time (a passive declare per queue); a queue the broker does not have shows as absent.
 */
@Component
class ConsumerQueues {

    private final ObjectProvider<AmqpAdmin> admin;
    private final EventStreamProperties properties;
    private final String exchange;

    ConsumerQueues(ObjectProvider<AmqpAdmin> admin, EventStreamProperties properties,
                   @Value("${conpaas.bus.exchange:conpaas.events}") String exchange) {
        this.admin = admin;
        this.properties = properties;
        this.exchange = exchange;
    }

    List<QueueState> states() {
        AmqpAdmin broker = admin.getIfAvailable();
        List<QueueState> states = new ArrayList<>();
        for (String group : properties.consumerGroups()) {
            String name = exchange + "." + group;
            QueueInformation queue = broker == null ? null : broker.getQueueInfo(name);
            QueueInformation dead = broker == null ? null : broker.getQueueInfo(name + ".dlq");
            states.add(new QueueState(group, name, queue != null,
                    queue == null ? 0 : queue.getMessageCount(), queue == null ? 0 : queue.getConsumerCount(),
                    dead == null ? 0 : dead.getMessageCount()));
        }
        return states;
    }

    /** One consumer group's queue: whether it exists, messages waiting, consumers, dead-lettered messages. */
    record QueueState(String group, String queue, boolean exists, int waiting, int consumers, int deadLettered) {
    }
}
