package org.conpaas.vpn;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** vpn-service: every application's own network, service subnets and node addresses. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VpnServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(VpnServiceApplication.class, args);
    }
}
