package org.conpaas.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Gets the node its certificate: trusts the CA from the settings (or the one pinned on first
 * use), reuses the certificate a previous run stored, or else trades the one-time token and a
 * fresh key's CSR for one at {@code POST /api/ca/enroll}. The CA learns tokens through an event,
 * so "unknown token" and unreachable or failing directors are retried with back-off for two
 * minutes; a used or expired token is final.
 */
final class Enrollment {

    static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(Enrollment.class.getName());

    private final AgentSettings settings;
    private final Path workDir;
    private final Duration patience;

    Enrollment(AgentSettings settings) {
        this(settings, PATIENCE);
    }

    Enrollment(AgentSettings settings, Duration patience) {
        this.settings = settings;
        this.workDir = settings.workDir();
        this.patience = patience;
    }

    NodeCredentials credentials() throws EnrollmentRefused, IOException, InterruptedException {
        Files.createDirectories(workDir);
        Backoff backoff = new Backoff(FIRST_PAUSE, LONGEST_PAUSE, patience);
        X509Certificate ca = trustedCa(backoff);
        Optional<NodeCredentials> stored = NodeCredentials.load(workDir, ca, settings.identity());
        if (stored.isPresent()) {
            LOG.info(() -> "reusing the node certificate in " + workDir.resolve(NodeCredentials.CERTIFICATE_FILE) + " (serial "
                    + stored.get().certificate().getSerialNumber().toString(16).toUpperCase() + ")");
            return stored.get();
        }
        KeyPair keys = CertificateRequest.newKeyPair();
        String csr = CertificateRequest.pem(keys, settings.identity());
        java.util.List<X509Certificate> issued = enroll(ca, csr, backoff);
        X509Certificate certificate = issued.get(0);
        java.util.List<X509Certificate> intermediates = issued.subList(1, issued.size());
        checkIssued(certificate, intermediates, keys, ca);
        NodeCredentials credentials = new NodeCredentials(keys.getPrivate(), certificate, intermediates, ca);
        credentials.save(workDir);
        LOG.info(() -> "enrolled: " + certificate.getSubjectX500Principal().getName() + ", serial "
                + certificate.getSerialNumber().toString(16).toUpperCase() + ", valid until " + certificate.getNotAfter().toInstant());
        return credentials;
    }

    private X509Certificate trustedCa(Backoff backoff) throws EnrollmentRefused, IOException, InterruptedException {
        Path caFile = workDir.resolve(NodeCredentials.CA_FILE);
        if (settings.caCertificate().isPresent()) {
            X509Certificate ca = settings.caCertificate().get();
            NodeCredentials.writeAtomically(caFile, Pem.encode(ca));
            return ca;
        }
        if (Files.isRegularFile(caFile)) {
            LOG.info(() -> "trusting the CA pinned in " + caFile);
            return Pem.certificate(Files.readString(caFile));
        }
        while (true) {
            try {
                X509Certificate ca = FirstUseCa.fetch(settings.directorUrl());
                NodeCredentials.writeAtomically(caFile, Pem.encode(ca));
                LOG.warning(() -> "no ca-certificate setting: trusting the CA the director sent, "
                        + ca.getSubjectX500Principal().getName() + ", pinned in " + caFile);
                return ca;
            } catch (IOException e) {
                retryOrGiveUp(backoff, "fetching the CA certificate failed: " + describe(e));
            }
        }
    }

    private java.util.List<X509Certificate> enroll(X509Certificate ca, String csr, Backoff backoff)
            throws EnrollmentRefused, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(NodeCredentials.serverTrust(ca))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.directorUrl() + "/api/ca/enroll"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":" + Json.quote(settings.enrollmentToken())
                        + ",\"csr\":" + Json.quote(csr) + "}"))
                .build();
        while (true) {
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                retryOrGiveUp(backoff, "enrollment request failed: " + describe(e));
                continue;
            }
            int status = response.statusCode();
            if (status == 201 || status == 200) {
                return issuedCertificates(response.body());
            }
            String detail = problemDetail(response.body());
            if (status == 401 && detail.contains("unknown")) {
                retryOrGiveUp(backoff, "the CA does not know the token yet (" + detail + ")");
            } else if (status >= 500 || status == 429 || status == 408) {
                retryOrGiveUp(backoff, "enrollment answered " + status + " " + detail);
            } else {
                throw new EnrollmentRefused("enrollment refused (" + status + "): " + detail);
            }
        }
    }

    private void retryOrGiveUp(Backoff backoff, String failure) throws EnrollmentRefused, InterruptedException {
        LOG.warning(() -> failure + "; retrying in " + backoff.nextPause().toMillis() + " ms");
        if (!backoff.pause()) {
            throw new EnrollmentRefused("could not enroll within " + patience.toSeconds() + " s; last: " + failure);
        }
    }

    /** The issued certificate, then the intermediates of its chain (those in caChainPem that are not self-signed). */
    private static java.util.List<X509Certificate> issuedCertificates(String body) throws EnrollmentRefused {
        try {
            Map<String, Object> answer = Json.parseObject(body);
            Object pem = answer.get("certificatePem");
            if (pem instanceof String text) {
                java.util.List<X509Certificate> issued = new java.util.ArrayList<>();
                issued.add(Pem.certificate(text));
                if (answer.get("caChainPem") instanceof String chain && !chain.isBlank()) {
                    for (X509Certificate c : Pem.certificates(chain)) {
                        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                            issued.add(c);
                        }
                    }
                }
                return issued;
            }
            throw new EnrollmentRefused("enrollment answered without certificatePem");
        } catch (IllegalArgumentException e) {
            throw new EnrollmentRefused("enrollment answered no readable certificate: " + e.getMessage());
        }
    }

    /** The certificate must be for our key and signed by the CA we trust, or TLS would fail later, less clearly. */
    private static void checkIssued(X509Certificate certificate, java.util.List<X509Certificate> intermediates, KeyPair keys,
                                    X509Certificate ca) throws EnrollmentRefused {
        if (!certificate.getPublicKey().equals(keys.getPublic())) {
            throw new EnrollmentRefused("the issued certificate is not for this node's key");
        }
        try {
            NodeCredentials.verifyIssued(certificate, intermediates, ca);
        } catch (GeneralSecurityException e) {
            throw new EnrollmentRefused("the issued certificate is not signed by the trusted CA: " + e.getMessage());
        }
    }

    /** RFC 9457 {@code detail}, or the body itself when it is not a problem. */
    static String problemDetail(String body) {
        try {
            Map<String, Object> problem = Json.parseObject(body);
            Object detail = problem.get("detail");
            return detail instanceof String text ? text : body.strip();
        } catch (IllegalArgumentException e) {
            String text = body.strip();
            return text.length() <= 200 ? text : text.substring(0, 200) + "...";
        }
    }

    static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
