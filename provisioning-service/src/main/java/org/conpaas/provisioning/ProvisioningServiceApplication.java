package org.conpaas.provisioning;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * provisioning-service: clouds, nodes and their life, node enrollment, billing.
 * So far it runs on the shared backbone (event store, bus, token checks) with health only;
 * its API arrives with its own issue.
 */
@SpringBootApplication
public class ProvisioningServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(ProvisioningServiceApplication.class, args);
    }
}
