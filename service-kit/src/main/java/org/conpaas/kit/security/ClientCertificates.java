package org.conpaas.kit.security;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The client certificates the gateway verified and forwards ({@code X-Client-Certificate}, the
 * URL-encoded PEM, with {@code X-Client-Certificate-Proof}, its HMAC-SHA256 under the shared
 * secret), and who they name: a user ({@code OU=user|admin, UID, CN}) or a node
 * ({@code OU=manager|agent} with the urn:conpaas:node/service/application SANs).
 */
public final class ClientCertificates {

    public static final String HEADER = "X-Client-Certificate";
    public static final String PROOF = "X-Client-Certificate-Proof";

    private ClientCertificates() {
    }

    /** The proof the gateway sends for a header value. */
    public static String proof(String secret, String headerValue) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(headerValue.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean proven(String secret, String headerValue, String proof) {
        if (secret == null || secret.isBlank() || proof == null) {
            return false;
        }
        return MessageDigest.isEqual(proof(secret, headerValue).getBytes(StandardCharsets.US_ASCII),
                proof.getBytes(StandardCharsets.US_ASCII));
    }

    /** The caller the certificate names: a {@link CurrentUser} or a {@link CurrentNode}. */
    static Object caller(String headerValue) {
        return caller(certificate(headerValue));
    }

    /** The certificate a header value carries. */
    static X509Certificate certificate(String headerValue) {
        return parse(URLDecoder.decode(headerValue, StandardCharsets.UTF_8));
    }

    static Object caller(X509Certificate certificate) {
        Map<String, String> subject = subject(certificate);
        String role = subject.getOrDefault("OU", "");
        switch (role) {
            case CurrentUser.USER, CurrentUser.ADMIN -> {
                String uid = subject.get("UID");
                if (uid == null) {
                    throw new IllegalArgumentException("the user certificate names no UID");
                }
                return new CurrentUser(UserId.of(uid), subject.getOrDefault("CN", uid), role);
            }
            case "manager", "agent" -> {
                Map<String, String> urns = urns(certificate);
                if (!urns.containsKey("node") || !urns.containsKey("service") || !urns.containsKey("application")) {
                    throw new IllegalArgumentException("the node certificate lacks its node, service or application name");
                }
                return new CurrentNode(NodeId.of(urns.get("node")), ServiceId.of(urns.get("service")),
                        ApplicationId.of(urns.get("application")), role);
            }
            default -> throw new IllegalArgumentException("a certificate of role '" + role + "' does not identify a caller");
        }
    }

    private static X509Certificate parse(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the forwarded client certificate cannot be read", e);
        }
    }

    private static Map<String, String> subject(X509Certificate certificate) {
        Map<String, String> names = new HashMap<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName("RFC2253")).getRdns()) {
                String type = rdn.getType().equalsIgnoreCase("0.9.2342.19200300.100.1.1") ? "UID" : rdn.getType().toUpperCase();
                Object value = rdn.getValue();
                names.put(type, value instanceof byte[] bytes ? decodeDer(bytes) : value.toString());
            }
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("the client certificate's subject cannot be read", e);
        }
        return names;
    }

    /** The value of a DER-encoded string attribute (RFC 2253 prints unknown types as #hex). */
    private static String decodeDer(byte[] der) {
        int length = der[1] & 0xff;
        int offset = 2;
        if (length > 0x80) {
            int bytes = length - 0x80;
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (der[2 + i] & 0xff);
            }
            offset += bytes;
        }
        return new String(der, offset, length, StandardCharsets.UTF_8);
    }

    private static Map<String, String> urns(X509Certificate certificate) {
        Map<String, String> urns = new HashMap<>();
        try {
            var names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (Integer.valueOf(6).equals(name.get(0)) && name.get(1) instanceof String uri && uri.startsWith("urn:conpaas:")) {
                        String[] parts = uri.split(":", 4);
                        if (parts.length == 4) {
                            urns.put(parts[2], parts[3]);
                        }
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the client certificate's names cannot be read", e);
        }
        return urns;
    }
}
