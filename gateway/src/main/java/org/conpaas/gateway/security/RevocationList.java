package org.conpaas.gateway.security;

import org.conpaas.gateway.route.GatewayProperties;
import org.conpaas.gateway.tls.TlsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The CA's revocation list as the gateway last fetched it from cert-service (every
 * {@code conpaas.gateway.crl-refresh}, 5 s by default), so a revoked client certificate is refused
 * within seconds. Until a CRL could be read, client certificates are not accepted (fail closed).
 * Only a CRL signed by the CA of {@code ca.pem} in the director directory is taken: it comes over
 * the internal network, and a forged empty list would un-revoke every certificate.
 */
@Component
class RevocationList {

    private static final Logger log = LoggerFactory.getLogger(RevocationList.class);

    private final URI crl;
    private final TlsProperties tls;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Set<BigInteger> revoked;
    private volatile Instant nextUpdate;

    RevocationList(GatewayProperties services, TlsProperties tls) {
        this.crl = services.cert().resolve("/api/ca/crl");
        this.tls = tls;
    }

    @Scheduled(fixedDelayString = "${conpaas.gateway.crl-refresh:5s}")
    void refresh() {
        if (!tls.enabled()) {
            return; // plain HTTP: no client certificates to check
        }
        try {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(crl).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                log.warn("CRL from {}: HTTP {}", crl, answer.statusCode());
                return;
            }
            X509CRL list = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(answer.body()));
            verify(list);
            Set<BigInteger> serials = new HashSet<>();
            if (list.getRevokedCertificates() != null) {
                for (X509CRLEntry entry : list.getRevokedCertificates()) {
                    serials.add(entry.getSerialNumber());
                }
            }
            revoked = serials;
            nextUpdate = list.getNextUpdate() == null ? null : list.getNextUpdate().toInstant();
        } catch (Exception e) {
            log.warn("CRL from {} could not be read: {}", crl, e.toString());
        }
    }

    /** Signed by one of the CA certificates (root or intermediate) the gateway trusts client certificates by. */
    private void verify(X509CRL list) throws java.io.IOException, GeneralSecurityException {
        List<X509Certificate> authorities;
        try (InputStream in = Files.newInputStream(tls.ca())) {
            authorities = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        }
        for (X509Certificate authority : authorities) {
            if (authority.getSubjectX500Principal().equals(list.getIssuerX500Principal())) {
                list.verify(authority.getPublicKey());
                return;
            }
        }
        throw new GeneralSecurityException("the CRL is issued by " + list.getIssuerX500Principal() + ", not by the CA in " + tls.ca());
    }

    /** True when revoked; throws IllegalStateException when the revocation status is unknown (no CRL yet). */
    boolean isRevoked(BigInteger serial) {
        Set<BigInteger> current = revoked;
        if (current == null) {
            throw new IllegalStateException("the revocation list could not be read yet; try again shortly");
        }
        Instant until = nextUpdate;
        if (until != null && Instant.now().isAfter(until)) {
            throw new IllegalStateException("the revocation list is out of date (cert-service unreachable?); try again shortly");
        }
        return current.contains(serial);
    }
}
