package org.conpaas.kit.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The second lock on a forwarded client certificate, behind the gateway's proof: it must be
 * signed by the ConPaaS CA, be within its validity, and not be on the CA's revocation list. The CA
 * certificates and the CRL come from cert-service ({@code conpaas.security.certificate-authority-url});
 * the CRL is taken only when the CA signed it, and read again when older than
 * {@code crl-refresh}. Until both could be read, every forwarded certificate is refused (fail closed).
 */
public final class CertificateAuthorityTrust {

    private static final Logger log = LoggerFactory.getLogger(CertificateAuthorityTrust.class);

    private final URI caCertificate;
    private final URI crl;
    private final Duration refresh;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile List<X509Certificate> authorities;
    private volatile Set<BigInteger> revoked;
    private volatile Instant readAt = Instant.MIN;
    private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> verified =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(VERIFIED_KEPT).build();

    public CertificateAuthorityTrust(URI certificateAuthority, Duration refresh, Clock clock) {
        String base = certificateAuthority.toString().replaceAll("/+$", "");
        this.caCertificate = URI.create(base + "/api/ca/certificate?format=chain");
        this.crl = URI.create(base + "/api/ca/crl");
        this.refresh = refresh;
        this.clock = clock;
    }

    /** Why {@code certificate} is not to be trusted, or empty when it is. */
    public Optional<String> refusal(X509Certificate certificate) {
        refreshIfStale();
        List<X509Certificate> cas = authorities;
        Set<BigInteger> list = revoked;
        if (cas == null || list == null) {
            return Optional.of("the ConPaaS CA could not be read to check the client certificate; try again shortly");
        }
        try {
            certificate.checkValidity(java.util.Date.from(clock.instant()));
        } catch (GeneralSecurityException e) {
            return Optional.of("the client certificate is expired or not yet valid");
        }
        if (!issuedByCa(certificate, cas)) {
            return Optional.of("the client certificate was not issued by the ConPaaS CA");
        }
        if (list.contains(certificate.getSerialNumber())) {
            return Optional.of("the client certificate was revoked");
        }
        return Optional.empty();
    }

    /**
     * Whether the CA signed it. A node sends the same certificate with every heartbeat, and checking
     * an ECDSA signature costs milliseconds, so the digests of certificates whose signature was checked
     * are kept (the {@link #VERIFIED_KEPT} most recently used): a later request with the
     * very same bytes skips only the signature check; validity and revocation are checked every time.
     */
    private boolean issuedByCa(X509Certificate certificate, List<X509Certificate> cas) {
        String digest;
        try {
            digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            return false;
        }
        if (verified.getIfPresent(digest) != null) {
            return true;
        }
        if (cas.stream().noneMatch(ca -> signedBy(certificate, ca))) {
            return false;
        }
        verified.put(digest, Boolean.TRUE);
        return true;
    }

    /** How many checked certificates are remembered (a fleet's worth; ~100 bytes each). */
    static final int VERIFIED_KEPT = 50_000;

    private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private void refreshIfStale() {
        Instant now = clock.instant();
        if (authorities != null && revoked != null && readAt.plus(refresh).isAfter(now)) {
            return;
        }
        synchronized (this) {
            if (authorities != null && revoked != null && readAt.plus(refresh).isAfter(clock.instant())) {
                return;
            }
            try {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                List<X509Certificate> cas = authorities;
                if (cas == null) {
                    cas = factory.generateCertificates(new ByteArrayInputStream(get(caCertificate))).stream()
                            .map(X509Certificate.class::cast).toList();
                    if (cas.isEmpty()) {
                        throw new GeneralSecurityException("no CA certificate in the answer");
                    }
                }
                X509CRL list = (X509CRL) factory.generateCRL(new ByteArrayInputStream(get(crl)));
                if (cas.stream().noneMatch(ca -> verifies(list, ca))) {
                    throw new GeneralSecurityException("the CRL is not signed by the CA");
                }
                Set<BigInteger> serials = new HashSet<>();
                if (list.getRevokedCertificates() != null) {
                    for (X509CRLEntry entry : list.getRevokedCertificates()) {
                        serials.add(entry.getSerialNumber());
                    }
                }
                authorities = cas;
                revoked = Set.copyOf(serials);
                readAt = clock.instant();
            } catch (Exception e) {
                // keep the last list read: a stale list for a few seconds beats refusing every certificate
                log.warn("the CA or its CRL could not be read from {}: {}", crl, e.toString());
                readAt = clock.instant().minus(refresh).plusSeconds(1); // ask again in a second, not on every request
            }
        }
    }

    private static boolean verifies(X509CRL list, X509Certificate ca) {
        try {
            list.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private byte[] get(URI uri) throws Exception {
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered HTTP " + answer.statusCode());
        }
        return answer.body();
    }
}
