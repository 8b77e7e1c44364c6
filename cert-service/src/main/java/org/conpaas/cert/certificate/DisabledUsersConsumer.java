package org.conpaas.cert.certificate;

import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.identity.UserDisabled;
import org.conpaas.kit.bus.IntegrationEventCodec;
import org.conpaas.kit.bus.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/**
 * user.disabled: a disabled user's certificates are revoked (privilegeWithdrawn) so the CRL, which
 * the gateway and every service check, ends their mutual-TLS access as disabling ends their tokens.
 * Their nodes' certificates stay: nodes end with their services. Re-enabled, a user asks for a new
 * certificate.
 */
@Configuration
class DisabledUsersConsumer {

    static final String CONSUMER = "cert-service.disabled-users";
    private static final Logger log = LoggerFactory.getLogger(DisabledUsersConsumer.class);

    @Bean
    Consumer<Message<byte[]>> disabledUsers(IntegrationEventCodec codec, ProcessedEvents processed, CertificateQueries certificates,
                                            CertificateIssuance issuance) {
        return message -> {
            IntegrationEvent event = codec.decode(message);
            processed.handleOnce(CONSUMER, event, e -> {
                if (e instanceof UserDisabled disabled) {
                    for (SerialNumber serial : certificates.userCertificatesInForce(disabled.userId())) {
                        issuance.revoke(serial, RevocationReason.PRIVILEGE_WITHDRAWN);
                        log.info("certificate {} of disabled user {} revoked", serial.value(), disabled.userId());
                    }
                }
            });
        };
    }
}
