package org.conpaas.gateway.security;

import org.conpaas.gateway.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Mutual TLS: the TLS handshake already checked that a client certificate chains to the ConPaaS
 * CA; here a revoked one is refused (401), and a good one is forwarded to the service as
 * {@code X-Client-Certificate} (URL-encoded PEM) with {@code X-Client-Certificate-Proof}
 * (HMAC-SHA256 under the secret shared with the services). Headers of those names sent by
 * clients are always removed.
 */
@Component
class ClientCertificateForwarding implements WebFilter, Ordered {

    static final String HEADER = "X-Client-Certificate";
    static final String PROOF = "X-Client-Certificate-Proof";
    static final String VERIFIED = "conpaas.client-certificate";

    private final RevocationList revocations;
    private final String secret;

    ClientCertificateForwarding(RevocationList revocations, TokenProperties properties, org.conpaas.gateway.tls.TlsProperties tls) {
        this.revocations = revocations;
        this.secret = properties.clientCertificateSecret();
        if (tls.enabled() && (secret == null || secret.isBlank())) {
            org.slf4j.LoggerFactory.getLogger(ClientCertificateForwarding.class).warn("no conpaas.security.client-certificate-secret: "
                    + "client certificates are not forwarded, callers need a token");
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest.Builder request = exchange.getRequest().mutate()
                .headers(h -> {
                    h.remove(HEADER);
                    h.remove(PROOF);
                });
        SslInfo ssl = exchange.getRequest().getSslInfo();
        X509Certificate[] chainCerts = ssl == null ? null : ssl.getPeerCertificates();
        if (chainCerts == null || chainCerts.length == 0 || secret == null || secret.isBlank()) {
            return chain.filter(exchange.mutate().request(request.build()).build());
        }
        X509Certificate client = chainCerts[0];
        try {
            if (revocations.isRevoked(client.getSerialNumber())) {
                return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized",
                        "the client certificate " + client.getSerialNumber().toString(16).toUpperCase() + " was revoked");
            }
        } catch (IllegalStateException unknown) {
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", unknown.getMessage());
        }
        String pem = pem(client);
        String value = URLEncoder.encode(pem, StandardCharsets.UTF_8);
        request.header(HEADER, value).header(PROOF, proof(value));
        exchange.getAttributes().put(VERIFIED, Boolean.TRUE);
        return chain.filter(exchange.mutate().request(request.build()).build());
    }

    private String proof(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int getOrder() {
        // after the body limit, before Spring Security (-100)
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
