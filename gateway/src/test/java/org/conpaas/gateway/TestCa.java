package org.conpaas.gateway;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;

/**
 * A certificate authority for gateway tests that issues what cert-service issues (same subjects,
 * SANs and key usages, EC P-256): the director's server certificate, user and node client
 * certificates, and CRLs.
 */
final class TestCa {

    record Issued(X509Certificate certificate, KeyPair key) {
        BigInteger serial() {
            return certificate.getSerialNumber();
        }

        String certificatePem() {
            return pem("CERTIFICATE", encoded(certificate));
        }

        String keyPem() {
            return pem("PRIVATE KEY", key.getPrivate().getEncoded());
        }

        /** Writes {@code <name>.pem} and {@code <name>.key} (0600) into dir. */
        void write(Path dir, String name) throws IOException {
            Files.writeString(dir.resolve(name + ".pem"), certificatePem());
            Path key = dir.resolve(name + ".key");
            Files.deleteIfExists(key);
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(key, keyPem());
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final X500Name name;
    private final Issued self;

    TestCa(String commonName) {
        this.name = new X500Name("CN=" + commonName + ",O=ConPaaS");
        KeyPair key = keyPair();
        this.self = new Issued(sign(name, key, b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }, key), key);
    }

    Issued certificate() {
        return self;
    }

    Issued director(String host) {
        GeneralName san = host.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, host) : new GeneralName(GeneralName.dNSName, host);
        return leaf("O=ConPaaS,OU=director,CN=" + host, new GeneralNames(san),
                new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth});
    }

    Issued user(String userId, String username, String role) {
        return leaf("O=ConPaaS,OU=" + role + ",UID=" + userId + ",CN=" + username,
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, "urn:conpaas:user:" + userId)),
                new KeyPurposeId[]{KeyPurposeId.id_kp_clientAuth});
    }

    Issued node(String nodeId, String serviceId, String applicationId) {
        return leaf("O=ConPaaS,OU=agent,CN=" + nodeId, new GeneralNames(new GeneralName[]{
                        new GeneralName(GeneralName.uniformResourceIdentifier, "urn:conpaas:node:" + nodeId),
                        new GeneralName(GeneralName.uniformResourceIdentifier, "urn:conpaas:service:" + serviceId),
                        new GeneralName(GeneralName.uniformResourceIdentifier, "urn:conpaas:application:" + applicationId)}),
                new KeyPurposeId[]{KeyPurposeId.id_kp_clientAuth});
    }

    /** A DER CRL listing these serials, valid for an hour. */
    byte[] crl(Collection<BigInteger> revoked) {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder crl = new X509v2CRLBuilder(name, Date.from(now.minusSeconds(60)));
            crl.setNextUpdate(Date.from(now.plus(Duration.ofHours(1))));
            for (BigInteger serial : revoked) {
                crl.addCRLEntry(serial, Date.from(now.minusSeconds(1)), CRLReason.keyCompromise);
            }
            return crl.build(signer(self.key())).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Issued leaf(String subject, GeneralNames names, KeyPurposeId[] usages) {
        KeyPair key = keyPair();
        return new Issued(sign(new X500Name(subject), key, b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usages));
            b.addExtension(Extension.subjectAlternativeName, false, names);
        }, self.key()), key);
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException;
    }

    private X509Certificate sign(X500Name subject, KeyPair key, Extensions extensions, KeyPair issuerKey) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(128, RANDOM).setBit(127),
                    Date.from(now.minusSeconds(300)), Date.from(now.plus(Duration.ofDays(30))), subject, key.getPublic());
            extensions.add(builder);
            X509CertificateHolder holder = builder.build(signer(issuerKey));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContentSigner signer(KeyPair key) {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
