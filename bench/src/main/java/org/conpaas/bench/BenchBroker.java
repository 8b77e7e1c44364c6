package org.conpaas.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The machine's RabbitMQ (127.0.0.1:5672, guest/guest, or CONPAAS_BENCH_AMQP_URL) and the
 * clean-up of what a benchmark made on it: its exchange and every queue named after it.
 */
final class BenchBroker {

    static final String URL = System.getenv().getOrDefault("CONPAAS_BENCH_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672");

    private BenchBroker() {
    }

    static Connection connect(String name) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URL);
        return factory.newConnection(name);
    }

    /** Deletes {@code exchange} and the queues whose names start with it (the services' group queues and DLQs). */
    static void deleteExchangeAndQueues(String exchange) throws Exception {
        if (!exchange.startsWith("bench.")) {
            throw new IllegalArgumentException("only bench. exchanges are deleted, not " + exchange);
        }
        try (Connection c = connect("bench-cleanup"); Channel channel = c.createChannel()) {
            for (String queue : queuesStartingWith(exchange)) {
                channel.queueDelete(queue);
            }
            channel.exchangeDelete(exchange);
        }
    }

    /** Queue names from {@code rabbitmqctl list_queues}; none when the tool is not at hand. */
    private static List<String> queuesStartingWith(String prefix) throws InterruptedException {
        List<String> names = new ArrayList<>();
        try {
            Process p = new ProcessBuilder("rabbitmqctl", "-q", "list_queues", "name").redirectErrorStream(true).start();
            for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.strip().startsWith(prefix)) {
                    names.add(line.strip());
                }
            }
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException noTool) {
            System.err.println("rabbitmqctl not found: delete the queues " + prefix + ".* yourself");
        }
        return names;
    }
}
