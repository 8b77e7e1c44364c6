package org.conpaas.cert.certificate;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A failing read-model or CRL update fails its command (instead of being logged and forgotten). */
@Configuration
class CertificateProcessingConfiguration {

    @Bean
    ConfigurerModule certificateProjectionErrors() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(CertificateProjection.GROUP, c -> PropagatingErrorHandler.instance());
    }
}
