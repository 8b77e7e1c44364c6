package org.conpaas.cert;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * cert-service: the ConPaaS certificate authority: director, user and node certificates,
 * revocation and the CRL (docs/api/certificates.md).
 */
@SpringBootApplication
public class CertServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(CertServiceApplication.class, args);
    }
}
