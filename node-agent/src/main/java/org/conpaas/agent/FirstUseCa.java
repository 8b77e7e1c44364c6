package org.conpaas.agent;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * Fetches the CA certificate from the director when the settings did not carry it (trust on
 * first use): whatever the director sends is pinned, so this one request cannot check the
 * server. Every later connection trusts only that CA and checks the host name, so a director
 * whose certificate the fetched CA did not sign is refused right after.
 */
final class FirstUseCa {

    private FirstUseCa() {
    }

    static X509Certificate fetch(URI directorUrl) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(acceptingAnyServer()).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(directorUrl + "/api/ca/certificate"))
                .header("Accept", "application/x-pem-file").timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /api/ca/certificate answered " + response.statusCode());
        }
        X509Certificate ca;
        try {
            ca = Pem.certificate(response.body());
        } catch (IllegalArgumentException e) {
            throw new IOException("GET /api/ca/certificate did not answer a PEM certificate: " + e.getMessage());
        }
        if (ca.getBasicConstraints() < 0) {
            throw new IOException("GET /api/ca/certificate answered a certificate that is not a CA: " + ca.getSubjectX500Principal());
        }
        return ca;
    }

    private static SSLContext acceptingAnyServer() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new X509ExtendedTrustManager[]{new AnyServer()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For this one request only, see the class comment. */
    private static final class AnyServer extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
