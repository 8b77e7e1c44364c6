package org.conpaas.app.service;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A failing read-model update fails its command (instead of being logged and forgotten). */
@Configuration
class ServiceProcessingConfiguration {

    @Bean
    ConfigurerModule serviceProjectionErrors() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(ServiceProjection.GROUP, c -> PropagatingErrorHandler.instance());
    }
}
