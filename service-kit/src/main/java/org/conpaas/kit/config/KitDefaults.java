package org.conpaas.kit.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Adds conpaas-kit-defaults.properties as the lowest-precedence settings of every service: Axon
 * without Axon Server, Flyway over the kit's and the service's migrations, the event bus
 * bindings with retries and dead-lettering. A service's own configuration overrides any of it.
 */
public class KitDefaults implements EnvironmentPostProcessor {

    private static final String UPDATE_CHECKER = "axoniq.update-checker.disabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // Axon's update checker calls out to the internet at start; ConPaaS services never phone home.
        if (System.getProperty(UPDATE_CHECKER) == null && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty(UPDATE_CHECKER, "true");
        }
        try {
            for (PropertySource<?> source : new PropertiesPropertySourceLoader()
                    .load("conpaasKitDefaults", new ClassPathResource("conpaas-kit-defaults.properties"))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
