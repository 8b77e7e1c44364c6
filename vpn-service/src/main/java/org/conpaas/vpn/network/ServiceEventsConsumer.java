package org.conpaas.vpn.network;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.node.NodeFailed;
import org.conpaas.contracts.node.NodeTerminated;
import org.conpaas.contracts.service.ServiceAddressesRequested;
import org.conpaas.contracts.service.ServiceRemoved;
import org.conpaas.contracts.vpn.VpnAddressesAssigned;
import org.conpaas.contracts.vpn.VpnAddressesRefused;
import org.conpaas.kit.bus.EventHeaders;
import org.conpaas.kit.bus.IntegrationEventCodec;
import org.conpaas.kit.bus.IntegrationEventPublisher;
import org.conpaas.kit.bus.ProcessedEvents;
import org.conpaas.vpn.network.api.AssignAddressesCommand;
import org.conpaas.vpn.network.api.ReleaseAddressCommand;
import org.conpaas.vpn.network.api.ReleaseSubnetCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * service.addresses-requested: every new node of a service gets an address (all or none) and
 * the answer goes out as vpn.addresses-assigned, or vpn.addresses-refused naming the limit hit.
 * A terminated or failed node's address is released for reuse, a removed service's subnet too. Assignments are idempotent: a
 * redelivered request gets the same addresses and an answer with the same event id.
 */
@Configuration
class ServiceEventsConsumer {

    static final String CONSUMER = "vpn-service.service-events";
    private static final Logger log = LoggerFactory.getLogger(ServiceEventsConsumer.class);
    private static final java.time.Duration NETWORK_PATIENCE = java.time.Duration.ofSeconds(30);

    @Bean
    Consumer<Message<byte[]>> serviceEvents(IntegrationEventCodec codec, ProcessedEvents processed, CommandGateway commands,
                                            IntegrationEventPublisher publisher) {
        Clock clock = Clock.systemUTC();
        return message -> {
            IntegrationEvent event = codec.decode(message);
            processed.handleOnce(CONSUMER, event, e -> apply(e, commands, publisher, clock));
        };
    }

    private static void apply(IntegrationEvent event, CommandGateway commands, IntegrationEventPublisher publisher, Clock clock) {
        if (event instanceof ServiceAddressesRequested request) {
            assign(request, commands, publisher, clock);
        } else if (event instanceof NodeTerminated terminated) {
            release(commands, terminated.applicationId(), terminated.nodeId());
        } else if (event instanceof NodeFailed failed) {
            release(commands, failed.applicationId(), failed.nodeId());
        } else if (event instanceof ServiceRemoved removed) {
            try {
                commands.sendAndWait(new ReleaseSubnetCommand(removed.applicationId(), removed.serviceId()));
            } catch (AggregateNotFoundException networkGone) {
                log.info("network of {} is gone; no subnet to release for {}", removed.applicationId(), removed.serviceId());
            }
        }
    }

    private static void assign(ServiceAddressesRequested request, CommandGateway commands, IntegrationEventPublisher publisher,
                               Clock clock) {
        try {
            VpnNetwork.Assignment assignment = assignment(request, commands);
            publisher.publish(new VpnAddressesAssigned(EventHeaders.answering(request, VpnAddressesAssigned.class, clock.instant()),
                    request.applicationId(), request.serviceId(), assignment.subnet(),
                    assignment.addresses().entrySet().stream()
                            .map(a -> new VpnAddressesAssigned.NodeAddress(a.getKey(), a.getValue())).toList()));
        } catch (RuntimeException e) {
            Throwable cause = rootCause(e);
            String reason;
            if (networkMissing(e)) {
                reason = "application " + request.applicationId() + " has no network (deleted?)";
            } else if (cause instanceof IllegalStateException) {
                reason = cause.getMessage();
            } else {
                throw e;
            }
            log.warn("no addresses for service {}: {}", request.serviceId(), reason);
            publisher.publish(new VpnAddressesRefused(EventHeaders.answering(request, VpnAddressesRefused.class, clock.instant()),
                    request.applicationId(), request.serviceId(), request.nodeIds(), reason));
        }
    }

    /**
     * The addresses, once the application's network is there: app.created and the service's request
     * travel on different queues, so a service started right after its application was created may
     * be asked for before vpn-service allocated the network; that is waited for up to
     * {@link #NETWORK_PATIENCE}, after which the network is taken to be gone.
     */
    private static VpnNetwork.Assignment assignment(ServiceAddressesRequested request, CommandGateway commands) {
        long deadline = System.nanoTime() + NETWORK_PATIENCE.toNanos();
        while (true) {
            try {
                return commands.sendAndWait(new AssignAddressesCommand(request.applicationId(), request.serviceId(), request.nodeIds()));
            } catch (RuntimeException notYet) {
                if (!networkMissing(notYet) || System.nanoTime() > deadline) {
                    throw notYet;
                }
                log.info("network of {} not allocated yet; asking again for service {}", request.applicationId(), request.serviceId());
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw notYet;
                }
            }
        }
    }

    private static boolean networkMissing(RuntimeException e) {
        return e instanceof AggregateNotFoundException || rootCause(e) instanceof AggregateNotFoundException;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static void release(CommandGateway commands, org.conpaas.contracts.id.ApplicationId app, org.conpaas.contracts.id.NodeId node) {
        try {
            commands.sendAndWait(new ReleaseAddressCommand(app, node));
        } catch (AggregateNotFoundException networkGone) {
            log.info("network of {} is gone; nothing to release for node {}", app, node);
        }
    }
}
