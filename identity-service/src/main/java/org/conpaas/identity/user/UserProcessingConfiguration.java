package org.conpaas.identity.user;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A failing read-model update fails its command; passwords are hashed with bcrypt. */
@Configuration
class UserProcessingConfiguration {

    @Bean
    ConfigurerModule userProjectionErrors() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(UserProjection.GROUP, c -> PropagatingErrorHandler.instance());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }
}
