package org.conpaas.app.service;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.conpaas.app.service.api.*;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.identity.UserCreditChanged;
import org.conpaas.contracts.identity.UserRegistered;
import org.conpaas.contracts.node.NodeCodeRefused;
import org.conpaas.contracts.node.NodeFailed;
import org.conpaas.contracts.node.NodeRunning;
import org.conpaas.contracts.node.NodeTerminated;
import org.conpaas.contracts.vpn.VpnAddressesAssigned;
import org.conpaas.contracts.vpn.VpnAddressesRefused;
import org.conpaas.kit.bus.IntegrationEventCodec;
import org.conpaas.kit.bus.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the lifecycle hears back: addresses from vpn-service, node news from provisioning-service
 * (running, failed, terminated, code refused, a release's rollout ended, the load of a web service), and owners' credit from identity-service (at zero
 * their services are stopped). Each event is
 * handled once; failures are retried by the binder, then dead-lettered.
 */
@Configuration
class ServiceEventsConsumer {

    static final String CONSUMER = "app-service.service-events";
    private static final Logger log = LoggerFactory.getLogger(ServiceEventsConsumer.class);

    @Bean
    Consumer<Message<byte[]>> serviceEvents(IntegrationEventCodec codec, ProcessedEvents processed, CommandGateway commands,
                                            ServiceQueries queries, JdbcTemplate jdbc, Autoscaler autoscaler) {
        return message -> {
            IntegrationEvent event = codec.decode(message);
            if (event instanceof org.conpaas.contracts.service.ServiceLoadMeasured measured) {
                // a measurement every few seconds: not kept as processed (a redelivery only repeats a figure)
                autoscaler.measured(measured);
                return;
            }
            processed.handleOnce(CONSUMER, event, e -> apply(e, commands, queries, jdbc));
        };
    }

    private static void apply(IntegrationEvent event, CommandGateway commands, ServiceQueries queries, JdbcTemplate jdbc) {
        if (event instanceof VpnAddressesAssigned e) {
            Map<NodeId, String> addresses = new LinkedHashMap<>();
            e.addresses().forEach(a -> addresses.put(a.nodeId(), a.address()));
            send(commands, new RecordNodeAddressesCommand(e.serviceId(), addresses));
        } else if (event instanceof VpnAddressesRefused e) {
            send(commands, new RecordAddressesRefusedCommand(e.serviceId(), e.nodeIds(), e.reason()));
        } else if (event instanceof NodeRunning e) {
            send(commands, new RecordNodeRunningCommand(e.serviceId(), e.nodeId(), e.cloud(), e.address()));
        } else if (event instanceof NodeFailed e) {
            send(commands, new RecordNodeFailedCommand(e.serviceId(), e.nodeId(), e.reason()));
        } else if (event instanceof NodeCodeRefused e) {
            if (e.version() > 0 && e.version() <= Integer.MAX_VALUE) {
                send(commands, new RecordCodeRefusedCommand(e.serviceId(), e.nodeId(), (int) e.version(), e.reason()));
            }
        } else if (event instanceof org.conpaas.contracts.service.ServiceRolloutEnded e) {
            send(commands, new RecordRolloutEndedCommand(e.serviceId(), e.release(), e.rolledOut(), e.nodeId(), e.reason()));
        } else if (event instanceof NodeTerminated e) {
            send(commands, new RecordNodeTerminatedCommand(e.serviceId(), e.nodeId()));
        } else if (event instanceof UserRegistered e) {
            credit(jdbc, e.userId().value(), e.credit(), e.header().occurredAt());
        } else if (event instanceof UserCreditChanged e) {
            credit(jdbc, e.userId().value(), e.balance(), e.header().occurredAt());
            if (e.balance() <= 0) {
                for (var service : queries.activeOf(e.userId())) {
                    log.info("stopping service {}: its owner {} has no credit left", service, e.userId());
                    send(commands, new StopServiceCommand(service, "the owner ran out of credit (balance " + e.balance() + ")"));
                }
            }
        }
    }

    private static void send(CommandGateway commands, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException gone) {
            log.info("service of {} is gone; ignoring", command);
        } catch (org.axonframework.commandhandling.CommandExecutionException refused) {
            if (refused.getCause() instanceof IllegalStateException || refused.getCause() == null) {
                log.info("{} not applicable now: {}", command.getClass().getSimpleName(), refused.getMessage());
            } else {
                throw refused;
            }
        }
    }

    private static void credit(JdbcTemplate jdbc, String owner, long balance, java.time.Instant at) {
        jdbc.update("""
                INSERT INTO owner_credit (owner_id, balance, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (owner_id) DO UPDATE SET balance = EXCLUDED.balance, updated_at = EXCLUDED.updated_at
                WHERE owner_credit.updated_at <= EXCLUDED.updated_at""", owner, balance, Timestamp.from(at));
    }
}
