package org.conpaas.cert;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * cert-service: the certificate authority (director, user and node certificates, revocation).
 * So far it runs on the shared backbone (event store, bus, token checks) with health only;
 * its API arrives with its own issue.
 */
@SpringBootApplication
public class CertServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(CertServiceApplication.class, args);
    }
}
