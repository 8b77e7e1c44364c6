package org.conpaas.cli;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code cps login} to an HTTPS director without {@code --cacert}: when the machine's trusted CAs
 * do not vouch for the director, cps takes the ConPaaS CA certificate the director presents at
 * the top of its chain (trust on first use, like ssh), prints its SHA-256 fingerprint to compare
 * with the operator's {@code ca.pem}, stores it beside cps.conf and trusts only it from then on.
 */
final class TrustOnFirstUse {

    private TrustOnFirstUse() {
    }

    /** The stored CA file to trust for {@code url}, or null when the system's CAs already do. */
    static Path caFor(String url, Path configDir, PrintWriter out) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CliFailure("the director URL '" + url + "' is not a URL: e.g. https://127.0.0.1:8080");
        }
        if (uri.getHost() == null) {
            throw new CliFailure("the director URL '" + url + "' names no host: e.g. https://127.0.0.1:8080");
        }
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        X509Certificate[] chain = chain(uri.getHost(), port);
        if (chain == null) {
            return null;
        }
        X509Certificate root = chain[chain.length - 1];
        if (!root.getSubjectX500Principal().equals(root.getIssuerX500Principal())) {
            throw new CliFailure("the director at " + url + " does not present its CA certificate: log in with --cacert FILE "
                    + "(the ConPaaS CA certificate, e.g. <data-dir>/director/ca.pem)");
        }
        try {
            Path file = configDir.resolve("ca-" + uri.getHost().replaceAll("[^A-Za-z0-9.-]", "_") + "-" + port + ".pem");
            Files.createDirectories(configDir);
            Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(root.getEncoded()) + "\n-----END CERTIFICATE-----\n");
            out.println("trusting " + root.getSubjectX500Principal().getName() + " for " + url + " on first use, SHA-256 fingerprint "
                    + fingerprint(root));
            out.println("  compare: openssl x509 -noout -fingerprint -sha256 -in ca.pem (the operator's); stored in " + file);
            return file;
        } catch (IOException e) {
            throw new CliFailure("cannot store the CA certificate in " + configDir + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new CliFailure("the director's CA certificate cannot be read: " + e.getMessage());
        }
    }

    static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest).toUpperCase(Locale.ROOT);
    }

    /** The chain the director presents when the system's CAs do not trust it; null when they do. */
    private static X509Certificate[] chain(String host, int port) {
        try {
            handshake(host, port, SSLContext.getDefault());
            return null;
        } catch (SSLHandshakeException untrusted) {
            try {
                SSLContext any = SSLContext.getInstance("TLS");
                any.init(null, new TrustManager[]{new Recording()}, null);
                Certificate[] presented = handshake(host, port, any);
                X509Certificate[] chain = new X509Certificate[presented.length];
                for (int i = 0; i < presented.length; i++) {
                    chain[i] = (X509Certificate) presented[i];
                }
                return chain;
            } catch (IOException | GeneralSecurityException e) {
                throw new CliFailure("cannot read the director's certificate at " + host + ":" + port + ": " + e.getMessage());
            }
        } catch (IOException e) {
            throw new CliFailure("cannot reach the director at " + host + ":" + port + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new CliFailure(e.getMessage());
        }
    }

    private static Certificate[] handshake(String host, int port, SSLContext context) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(5000);
            var parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket.getSession().getPeerCertificates();
        }
    }

    /** Accepts any chain: only to read the director's CA certificate, never to send anything. */
    private static final class Recording implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
