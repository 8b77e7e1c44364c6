package org.conpaas.identity.user;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.node.NodeBilled;
import org.conpaas.identity.user.api.ChargeCreditCommand;
import org.conpaas.kit.bus.IntegrationEventCodec;
import org.conpaas.kit.bus.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/**
 * node.billed: a running node began a billing period; its owner's credit is charged once per
 * period (a redelivery is skipped). The balance stops at 0; user.credit-changed then tells
 * app-service, which stops the owner's services, and user.credit-charged tells provisioning what
 * was really taken for the node (nothing, or less than asked, once the credit runs out).
 */
@Configuration
class BillingConsumer {

    static final String CONSUMER = "identity-service.billing";
    private static final Logger log = LoggerFactory.getLogger(BillingConsumer.class);

    @Bean
    Consumer<Message<byte[]>> billing(IntegrationEventCodec codec, ProcessedEvents processed, CommandGateway commands) {
        return message -> {
            IntegrationEvent event = codec.decode(message);
            processed.handleOnce(CONSUMER, event, e -> {
                if (e instanceof NodeBilled billed) {
                    try {
                        commands.sendAndWait(new ChargeCreditCommand(billed.ownerId(), billed.nodeId(), billed.credits(),
                                "billing: node " + billed.nodeId() + " from " + billed.periodStart() + " to " + billed.periodEnd()));
                    } catch (AggregateNotFoundException unknown) {
                        log.warn("node {} is billed to unknown user {}", billed.nodeId(), billed.ownerId());
                    }
                }
            });
        };
    }
}
