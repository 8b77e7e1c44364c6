package org.conpaas.provisioning.node;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.conpaas.contracts.certificate.CertificateIssued;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.identity.UserCreditCharged;
import org.conpaas.contracts.service.ServiceCodeUploaded;
import org.conpaas.contracts.service.ServiceReleaseCreated;
import org.conpaas.provisioning.web.ServiceReleases;
import org.conpaas.contracts.service.ServiceNodesReleased;
import org.conpaas.contracts.service.ServiceNodesRequested;
import org.conpaas.kit.bus.IntegrationEventCodec;
import org.conpaas.kit.bus.ProcessedEvents;
import org.conpaas.provisioning.cloud.Clouds;
import org.conpaas.provisioning.node.api.FailNodeCommand;
import org.conpaas.provisioning.node.api.RecordNodeChargedCommand;
import org.conpaas.provisioning.node.api.RecordNodeEnrolledCommand;
import org.conpaas.provisioning.node.api.ReleaseNodeCommand;
import org.conpaas.provisioning.node.api.RequestNodeCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/**
 * What provisioning is asked and told: nodes to start or release (app-service), a node's
 * certificate issued (cert-service: the node has enrolled), a service's new code version and release, what
 * billing really charged for a node (identity-service).
 * Handled once each; failures retried by the binder, then dead-lettered.
 */
@Configuration
class ServiceEventsConsumer {

    static final String CONSUMER = "provisioning-service.service-events";
    private static final Logger log = LoggerFactory.getLogger(ServiceEventsConsumer.class);

    @Bean
    Consumer<Message<byte[]>> serviceEvents(IntegrationEventCodec codec, ProcessedEvents processed, CommandGateway commands,
                                            Clouds clouds, NodeQueries queries, JdbcTemplate jdbc, ServiceReleases releases,
                                            org.conpaas.provisioning.logs.NodeLogs logs,
                                            org.conpaas.provisioning.database.GaleraClusters galera,
                                            org.conpaas.provisioning.database.DatabaseBindings databaseBindings) {
        return message -> {
            IntegrationEvent event = codec.decode(message);
            processed.handleOnce(CONSUMER, event, e -> apply(e, commands, clouds, queries, jdbc, releases, logs, galera, databaseBindings));
        };
    }

    private static void apply(IntegrationEvent event, CommandGateway commands, Clouds clouds, NodeQueries queries, JdbcTemplate jdbc,
                              ServiceReleases releases, org.conpaas.provisioning.logs.NodeLogs logs,
                              org.conpaas.provisioning.database.GaleraClusters galera,
                              org.conpaas.provisioning.database.DatabaseBindings databaseBindings) {
        if (event instanceof ServiceNodesRequested e) {
            for (var node : e.nodes()) {
                if (queries.stateOf(node.nodeId().value()).isPresent()) {
                    continue;
                }
                // a node of a service spread over clouds names its own; else the service's, else the default
                String named = node.cloud() != null && !node.cloud().isBlank() ? node.cloud() : e.cloud();
                String cloud = named == null || named.isBlank() ? clouds.defaultCloud() : named;
                commands.sendAndWait(new RequestNodeCommand(node.nodeId(), e.serviceId(), e.applicationId(), e.ownerId(), node.role(),
                        e.serviceType(), cloud, node.vpnAddress(), node.webRoles()));
                if (!clouds.all().containsKey(cloud)) {
                    commands.sendAndWait(new FailNodeCommand(node.nodeId(), "no cloud '" + cloud + "' is configured; clouds are "
                            + clouds.all().keySet()));
                }
            }
        } else if (event instanceof ServiceNodesReleased e) {
            for (NodeId node : e.nodeIds()) {
                if (queries.stateOf(node.value()).isEmpty()) {
                    // never requested here (released before its addresses came): tell app-service it is gone
                    log.info("released node {} was never started", node);
                    commands.sendAndWait(new RequestNodeCommand(node, e.serviceId(), e.applicationId(),
                            org.conpaas.contracts.id.UserId.of("unknown"), "agent", "generic", clouds.defaultCloud(), null));
                }
                send(commands, new ReleaseNodeCommand(node, e.reason()));
            }
        } else if (event instanceof CertificateIssued e && e.nodeId() != null) {
            send(commands, new RecordNodeEnrolledCommand(e.nodeId(), e.serial()));
        } else if (event instanceof UserCreditCharged e) {
            send(commands, new RecordNodeChargedCommand(e.nodeId(), e.credits()));
        } else if (event instanceof ServiceCodeUploaded e) {
            // before releases (a service whose first release has not arrived): the newest upload
            jdbc.update("""
                    INSERT INTO service_code (service_id, version) VALUES (?, ?)
                    ON CONFLICT (service_id) DO UPDATE SET version = greatest(service_code.version, EXCLUDED.version)
                    WHERE service_code.release = 0""",
                    e.serviceId().value(), e.version());
        } else if (event instanceof ServiceReleaseCreated e) {
            releases.record(e);
            if (releases.latest(e.serviceId().value()).map(r -> r.release() == e.release()).orElse(false)) {
                databaseBindings.follow(e.serviceId().value(), e.bindings());
            }
        } else if (event instanceof org.conpaas.contracts.service.ServiceNodeWeightSet e) {
            jdbc.update("UPDATE node SET weight = ? WHERE id = ? AND service_id = ?", Math.max(1, Math.min(100, e.weight())),
                    e.nodeId().value(), e.serviceId().value());
        } else if (event instanceof org.conpaas.contracts.service.ServiceRemoved e) {
            // the service's nodes are gone already (app-service removes a service once its last node is)
            releases.forget(e.serviceId().value());
            logs.forget(e.serviceId().value());
            galera.forget(e.serviceId().value());
            jdbc.update("DELETE FROM service_code WHERE service_id = ?", e.serviceId().value());
        }
    }

    private static void send(CommandGateway commands, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException unknown) {
            log.info("no such node for {}", command);
        }
    }
}
