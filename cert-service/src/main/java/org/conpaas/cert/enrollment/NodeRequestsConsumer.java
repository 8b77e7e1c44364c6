package org.conpaas.cert.enrollment;

import org.conpaas.cert.certificate.CertificateRole;
import org.conpaas.cert.certificate.CertificateSubject;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.cert.certificate.CertificateIssuance;
import org.conpaas.cert.certificate.CertificateQueries;
import org.conpaas.cert.certificate.RevocationReason;
import org.conpaas.cert.certificate.SerialNumber;
import org.conpaas.contracts.node.NodeRequested;
import org.conpaas.contracts.node.NodeTerminated;
import org.conpaas.kit.bus.IntegrationEventCodec;
import org.conpaas.kit.bus.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/**
 * node.requested: provisioning-service is starting a node and gave it a one-time enrollment
 * token; the token's hash is registered here, bound to the node's role, node, service and
 * application, so the node can trade it (once, before it expires) for its certificate.
 * node.terminated: the node is gone, so every certificate it was issued is revoked
 * (cessationOfOperation) and the CRL lists it: a copy of its key opens nothing any more.
 */
@Configuration
class NodeRequestsConsumer {

    static final String CONSUMER = "cert-service.node-requests";
    private static final Logger log = LoggerFactory.getLogger(NodeRequestsConsumer.class);

    @Bean
    Consumer<Message<byte[]>> nodeRequests(IntegrationEventCodec codec, ProcessedEvents processed, EnrollmentTokens tokens,
                                           CertificateQueries certificates, CertificateIssuance issuance) {
        return message -> {
            IntegrationEvent event = codec.decode(message);
            processed.handleOnce(CONSUMER, event, e -> {
                if (e instanceof NodeRequested requested) {
                    tokens.register(requested.enrollmentTokenSha256(), CertificateSubject.forNode(
                                    CertificateRole.ofNode(requested.role()), requested.nodeId(), requested.serviceId(),
                                    requested.applicationId()),
                            requested.ownerId(), requested.enrollmentExpiresAt());
                    log.info("enrollment token registered for {} node {}", requested.role(), requested.nodeId());
                } else if (e instanceof NodeTerminated terminated) {
                    for (SerialNumber serial : certificates.inForceForNode(terminated.nodeId().value())) {
                        issuance.revoke(serial, RevocationReason.CESSATION_OF_OPERATION);
                        log.info("certificate {} of terminated node {} revoked", serial.value(), terminated.nodeId());
                    }
                }
            });
        };
    }
}
