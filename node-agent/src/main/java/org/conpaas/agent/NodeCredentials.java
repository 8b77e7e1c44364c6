package org.conpaas.agent;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The node's key and certificate and the CA that signed them, kept in the work directory
 * ({@code node-key.pem} 0600, {@code node.pem}, {@code ca.pem}) so that a restarted agent
 * reuses its certificate: its enrollment token is good for one certificate only.
 */
record NodeCredentials(PrivateKey key, X509Certificate certificate, java.util.List<X509Certificate> intermediates, X509Certificate ca) {

    static final String KEY_FILE = "node-key.pem";
    static final String CERTIFICATE_FILE = "node.pem";
    static final String CA_FILE = "ca.pem";
    private static final Logger LOG = Logger.getLogger(NodeCredentials.class.getName());

    /** The credentials a previous run left, when they are complete, still valid and signed by {@code ca}. */
    static Optional<NodeCredentials> load(Path workDir, X509Certificate ca, NodeIdentity identity) {
        Path keyFile = workDir.resolve(KEY_FILE);
        Path certificateFile = workDir.resolve(CERTIFICATE_FILE);
        if (!Files.isRegularFile(keyFile) || !Files.isRegularFile(certificateFile)) {
            return Optional.empty();
        }
        try {
            java.util.List<X509Certificate> chain = Pem.certificates(Files.readString(certificateFile));
            NodeCredentials credentials = new NodeCredentials(Pem.ecPrivateKey(Files.readString(keyFile)),
                    chain.get(0), chain.subList(1, chain.size()), ca);
            credentials.certificate.checkValidity();
            verifyIssued(credentials.certificate, credentials.intermediates, ca);
            if (!identity.nodeId().equals(commonName(credentials.certificate))) {
                LOG.warning(() -> "ignoring " + certificateFile + ": it is not for node " + identity.nodeId());
                return Optional.empty();
            }
            return Optional.of(credentials);
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            LOG.warning(() -> "ignoring " + certificateFile + ": " + e.getMessage());
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            LOG.warning(() -> "ignoring " + keyFile + " and " + certificateFile + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
            return null;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    /** Writes the key first (0600 from the start), so a certificate is never there without it. */
    void save(Path workDir) throws IOException {
        writeKey(workDir.resolve(KEY_FILE), key);
        StringBuilder chain = new StringBuilder(Pem.encode(certificate));
        for (X509Certificate intermediate : intermediates) {
            chain.append(Pem.encode(intermediate));
        }
        writeAtomically(workDir.resolve(CERTIFICATE_FILE), chain.toString());
    }

    /**
     * {@code certificate} is signed by the trusted root, or by one of {@code intermediates} that the
     * root signed (a CA issuing from an intermediate).
     */
    static void verifyIssued(X509Certificate certificate, java.util.List<X509Certificate> intermediates, X509Certificate root)
            throws GeneralSecurityException {
        if (certificate.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
            certificate.verify(root.getPublicKey());
            return;
        }
        for (X509Certificate intermediate : intermediates) {
            if (certificate.getIssuerX500Principal().equals(intermediate.getSubjectX500Principal())) {
                intermediate.verify(root.getPublicKey());
                intermediate.checkValidity();
                certificate.verify(intermediate.getPublicKey());
                return;
            }
        }
        throw new java.security.SignatureException("issued by " + certificate.getIssuerX500Principal().getName()
                + ", neither the trusted CA nor an intermediate it signed");
    }

    static void writeKey(Path file, PrivateKey key) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, Pem.encode("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** TLS presenting this node's certificate and trusting the ConPaaS CA only. */
    SSLContext mutualTls() {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = new char[0];
            java.util.List<Certificate> chain = new java.util.ArrayList<>();
            chain.add(certificate);
            chain.addAll(intermediates);
            chain.add(ca);
            keys.setKeyEntry("node", key, password, chain.toArray(new Certificate[0]));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trusting(ca).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS with the node certificate", e);
        }
    }

    /** TLS trusting the ConPaaS CA only, presenting no certificate (for enrollment). */
    static SSLContext serverTrust(X509Certificate ca) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trusting(ca).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trusting the ConPaaS CA", e);
        }
    }

    private static TrustManagerFactory trusting(X509Certificate ca) throws GeneralSecurityException, IOException {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("conpaas-ca", ca);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        return trust;
    }
}
