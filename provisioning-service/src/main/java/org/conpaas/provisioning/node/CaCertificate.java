package org.conpaas.provisioning.node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The ConPaaS CA certificate (PEM) handed to nodes in their bootstrap, read once from cert-service. */
@Component
class CaCertificate {

    private static final Logger log = LoggerFactory.getLogger(CaCertificate.class);

    private final NodeProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String pem;

    CaCertificate(NodeProperties properties) {
        this.properties = properties;
    }

    /** The PEM, or empty when cert-service cannot be reached now (the node then fetches it from the director itself). */
    Optional<String> pem() {
        if (pem == null) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(properties.caCertificateUrl())
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("BEGIN CERTIFICATE")) {
                    pem = answer.body();
                } else {
                    log.warn("CA certificate from {}: HTTP {}", properties.caCertificateUrl(), answer.statusCode());
                }
            } catch (java.io.IOException e) {
                log.warn("CA certificate from {}: {}", properties.caCertificateUrl(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Optional.ofNullable(pem);
    }
}
