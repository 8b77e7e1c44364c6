package org.conpaas.provisioning.node;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A failing read-model update fails its command (instead of being logged and forgotten). */
@Configuration
class NodeProcessingConfiguration {

    @Bean
    ConfigurerModule nodeProjectionErrors() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(NodeProjection.GROUP, c -> PropagatingErrorHandler.instance());
    }
}
