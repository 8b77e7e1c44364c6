package org.conpaas.nutshell;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks a health endpoint what it says. */
final class Health {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    private Health() {
    }

    static boolean up(String url) {
        return status(url).filter("UP"::equals).isPresent();
    }

    /** The top-level "status" of the answer (UP, DOWN, DEGRADED, …); empty when nothing answers. */
    static Optional<String> status(String url) {
        return status(HTTP, url);
    }

    /** The same over HTTPS trusting only the CA in {@code caPem} (plain HTTP URLs are asked as they are). */
    static Optional<String> status(String url, java.nio.file.Path caPem) {
        if (!url.startsWith("https:")) {
            return status(url);
        }
        try (var in = java.nio.file.Files.newInputStream(caPem)) {
            java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
            javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
            tls.init(null, factory.getTrustManagers(), null);
            return status(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).sslContext(tls).build(), url);
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> status(HttpClient http, String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = STATUS.matcher(r.body());
            if (m.find()) {
                return Optional.of(r.statusCode() == 200 || !m.group(1).equals("UP") ? m.group(1) : "HTTP " + r.statusCode());
            }
            return Optional.of("HTTP " + r.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception notAnswering) {
            return Optional.empty();
        }
    }
}
