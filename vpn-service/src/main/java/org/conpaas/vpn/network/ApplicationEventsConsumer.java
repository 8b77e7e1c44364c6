package org.conpaas.vpn.network;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.conpaas.contracts.application.ApplicationCreated;
import org.conpaas.contracts.application.ApplicationDeleted;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.kit.bus.IntegrationEventCodec;
import org.conpaas.kit.bus.ProcessedEvents;
import org.conpaas.vpn.network.api.AllocateNetworkCommand;
import org.conpaas.vpn.network.api.ReleaseNetworkCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/**
 * app.created gives the application its network; app.deleted releases it. Each event is handled
 * once (a redelivery is skipped); a failure is retried by the binder and then dead-lettered.
 */
@Configuration
class ApplicationEventsConsumer {

    static final String CONSUMER = "vpn-service.application-events";
    private static final Logger log = LoggerFactory.getLogger(ApplicationEventsConsumer.class);

    @Bean
    Consumer<Message<byte[]>> applicationEvents(IntegrationEventCodec codec, ProcessedEvents processed,
                                                CommandGateway commands, VpnProperties vpn) {
        VpnPlan plan = vpn.plan();
        log.info("application networks: {} with {} services of {} nodes each", plan.network(),
                plan.servicesPerApplication(), plan.agentsPerService());
        return message -> {
            IntegrationEvent event = codec.decode(message);
            processed.handleOnce(CONSUMER, event, e -> apply(e, commands, plan));
        };
    }

    private static void apply(IntegrationEvent event, CommandGateway commands, VpnPlan plan) {
        if (event instanceof ApplicationCreated created) {
            commands.sendAndWait(new AllocateNetworkCommand(created.applicationId(), created.ownerId(), plan));
        } else if (event instanceof ApplicationDeleted deleted) {
            try {
                commands.sendAndWait(new ReleaseNetworkCommand(deleted.applicationId()));
            } catch (AggregateNotFoundException alreadyGone) {
                log.info("network of {} was already released", deleted.applicationId());
            }
        }
    }
}
