package org.conpaas.nutshell.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import static org.conpaas.nutshell.testkit.RunningNutshell.JSON;

/**
 * The credentials the authorization matrix's odd columns present: a node's own certificate and
 * key as its agent keeps them, a user certificate from its PKCS#12 file, a token the identity
 * service's real key signed with an expiry in the past, and raw bytes over TLS for requests an
 * HTTP client would not send.
 */
public final class ClientCredentials {

    private ClientCredentials() {
    }

    /** An HTTPS client presenting the certificate of a node of the local cloud ({@code node.pem}, {@code node-key.pem}). */
    public static HttpClient node(RunningNutshell nutshell, String nodeId) throws Exception {
        Path dir = org.conpaas.nutshell.LocalNodeHomes.of(nutshell.dataDir(), nodeId);
        Collection<? extends Certificate> chain;
        try (InputStream in = Files.newInputStream(dir.resolve("node.pem"))) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pem(Files.readString(dir.resolve("node-key.pem")))));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("node", key, new char[0], chain.toArray(Certificate[]::new));
        return client(nutshell, store, new char[0]);
    }

    /** An HTTPS client presenting the certificate of a PKCS#12 file, as cert-service hands it out. */
    public static HttpClient pkcs12(RunningNutshell nutshell, String base64, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Base64.getDecoder().decode(base64)), password.toCharArray());
        return client(nutshell, store, password.toCharArray());
    }

    /**
     * {@code token} re-signed by identity-service's own key (read from its database) with its
     * times moved an hour into the past: a genuine token that has expired.
     */
    public static String expiredToken(RunningNutshell nutshell, String token) throws Exception {
        String[] parts = token.split("\\.");
        Base64.Decoder decoder = Base64.getUrlDecoder();
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        ObjectNode claims = (ObjectNode) JSON.readTree(decoder.decode(parts[1]));
        long now = System.currentTimeMillis() / 1000;
        claims.put("iat", now - 7200);
        claims.put("exp", now - 3600);
        if (claims.has("nbf")) {
            claims.put("nbf", now - 7200);
        }
        String signed = parts[0] + "." + encoder.encodeToString(JSON.writeValueAsBytes(claims));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(identitySigningKey(nutshell));
        rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + encoder.encodeToString(rsa.sign());
    }

    /** Sends {@code request} as it is over TLS to the gateway and returns what came back (empty if the gateway just closed). */
    public static String rawExchange(RunningNutshell nutshell, String request) throws IOException {
        SSLContext tls = nutshell.http().sslContext();
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", nutshell.port())) {
            socket.setSoTimeout((int) Duration.ofSeconds(15).toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException refusedMidway) {
                // the gateway answered and closed before the whole request was sent (a header too large, say)
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = socket.getInputStream().read(buffer)) > 0 && answer.size() < 65536) {
                    answer.write(buffer, 0, n);
                    if (answer.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n") && isComplete(answer.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (IOException endOfAnswer) {
                // the gateway keeps the connection open or drops it: what came is the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean isComplete(String answer) {
        int headerEnd = answer.indexOf("\r\n\r\n");
        String headers = answer.substring(0, headerEnd).toLowerCase();
        int at = headers.indexOf("content-length:");
        if (at < 0) {
            return headers.contains("transfer-encoding: chunked") ? answer.endsWith("0\r\n\r\n") : true;
        }
        int length = Integer.parseInt(headers.substring(at + 15).lines().findFirst().orElse("0").strip());
        return answer.length() - headerEnd - 4 >= length;
    }

    /**
     * The key identity-service signs with now, as someone holding its database and its passphrase
     * (the nutshell's {@code signing-key-passphrase}) could read it: AES-256-GCM under PBKDF2-HMAC-SHA256,
     * {@code version | salt(16) | nonce(12) | ciphertext+tag}, the key id as associated data.
     */
    private static PrivateKey identitySigningKey(RunningNutshell nutshell) throws Exception {
        try (Connection c = DriverManager.getConnection(nutshell.databaseUrl("identity"), RunningNutshell.databaseUser(),
                RunningNutshell.databasePassword()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, encrypted_private_key FROM signing_key WHERE retired_at IS NULL "
                     + "ORDER BY created_at DESC LIMIT 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("identity-service has no signing key in its database");
            }
            String keyId = rs.getString(1);
            byte[] stored = rs.getBytes(2);
            char[] passphrase = Files.readString(nutshell.dataDir().resolve("signing-key-passphrase")).strip().toCharArray();
            byte[] salt = java.util.Arrays.copyOfRange(stored, 1, 17);
            byte[] nonce = java.util.Arrays.copyOfRange(stored, 17, 29);
            byte[] key = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new javax.crypto.spec.PBEKeySpec(passphrase, salt, 310_000, 256)).getEncoded();
            javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, nonce));
            aes.updateAAD(keyId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] pkcs8 = aes.doFinal(java.util.Arrays.copyOfRange(stored, 29, stored.length));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        }
    }

    private static HttpClient client(RunningNutshell nutshell, KeyStore key, char[] password) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(key, password);
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(nutshell.caCertificate())) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static byte[] pem(String text) {
        String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
