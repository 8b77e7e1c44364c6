package org.conpaas.provisioning;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * provisioning-service: clouds, nodes and their life, node enrollment, billing.
 * Nodes are event-sourced (Node); clouds are drivers configured at start (cloud); a tracking
 * processor talks to the clouds after commit and a watchdog keeps nodes, orphans and billing honest.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ProvisioningServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(ProvisioningServiceApplication.class, args);
    }
}
