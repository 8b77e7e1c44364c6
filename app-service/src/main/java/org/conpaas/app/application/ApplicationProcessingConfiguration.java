package org.conpaas.app.application;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A failing read-model update fails its command (instead of being logged and forgotten). */
@Configuration
class ApplicationProcessingConfiguration {

    @Bean
    ConfigurerModule applicationProjectionErrors() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(ApplicationProjection.GROUP, c -> PropagatingErrorHandler.instance());
    }
}
