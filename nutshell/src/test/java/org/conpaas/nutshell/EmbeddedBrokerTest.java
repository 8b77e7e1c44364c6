package org.conpaas.nutshell;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedBrokerTest {

    @Test
    void takesAmqpConnectionsAndKeepsDurableMessagesAcrossRestarts(@TempDir Path dir) throws Exception {
        int port = EmbeddedDatabaseTest.freePort();
        Path work = dir.resolve("broker");
        try (EmbeddedBroker broker = EmbeddedBroker.start(work, port, "s3cret")) {
            try (Connection c = connect(broker.url()); Channel ch = c.createChannel()) {
                ch.exchangeDeclare("conpaas.test", "topic", true);
                // what the rabbit binder declares: an argument Qpid does not know is logged, not refused
                ch.queueDeclare("kept", true, false, false, Map.of("x-dead-letter-exchange", "DLX"));
                ch.queueBind("kept", "conpaas.test", "app.#");
                ch.confirmSelect();
                ch.basicPublish("conpaas.test", "app.created", MessageProperties.PERSISTENT_TEXT_PLAIN,
                        "hello".getBytes(StandardCharsets.UTF_8));
                ch.waitForConfirmsOrDie(10_000);
            }
        }

        try (EmbeddedBroker again = EmbeddedBroker.start(work, port, "s3cret");
             Connection c = connect(again.url()); Channel ch = c.createChannel()) {
            GetResponse kept = ch.basicGet("kept", true);
            assertThat(kept).as("the durable message survived the restart (Derby store)").isNotNull();
            assertThat(new String(kept.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void refusesAWrongPassword(@TempDir Path dir) throws Exception {
        int port = EmbeddedDatabaseTest.freePort();
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir, port, "right")) {
            assertThatThrownBy(() -> connect("amqp://conpaas:wrong@127.0.0.1:" + port + "/").close()).isNotNull();
        }
    }

    private static Connection connect(String url) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(url);
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection();
    }
}
