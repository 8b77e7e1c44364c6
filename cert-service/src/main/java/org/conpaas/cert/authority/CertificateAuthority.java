package org.conpaas.cert.authority;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The ConPaaS root CA: its certificate and its private key, which never leaves this object
 * (it signs certificates and CRLs here; nothing reads it out).
 */
public final class CertificateAuthority {

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final CaKeyType keyType;
    /** the certificate and key that sign: an intermediate's when there is one, else the root's */
    private final X509Certificate issuing;
    private final PrivateKey issuingKey;
    private final SecureRandom random = new SecureRandom();

    CertificateAuthority(X509Certificate certificate, PrivateKey key, CaKeyType keyType) {
        this(certificate, key, keyType, certificate, key);
    }

    CertificateAuthority(X509Certificate certificate, PrivateKey key, CaKeyType keyType, X509Certificate issuing, PrivateKey issuingKey) {
        this.certificate = certificate;
        this.key = key;
        this.keyType = keyType;
        this.issuing = issuing;
        this.issuingKey = issuingKey;
    }

    /** The CA in {@code properties.dataDir()}: loaded when it exists there, created (and saved) when not. */
    public static CertificateAuthority loadOrCreate(CaProperties properties, Clock clock) {
        return new CaKeyFiles(properties, clock).loadOrCreate();
    }

    /** The root's key: only the CA's own files use it (to sign an intermediate). */
    PrivateKey rootKey() {
        return key;
    }

    /** The root: what clients trust and GET /api/ca/certificate serves. */
    public X509Certificate certificate() {
        return certificate;
    }

    public String certificatePem() {
        return Pem.of(certificate);
    }

    /** The certificate that signs issued certificates and CRLs: the intermediate's, or the root. */
    public X509Certificate issuingCertificate() {
        return issuing;
    }

    /** The chain above an issued certificate, nearest first: [intermediate,] root. */
    public java.util.List<X509Certificate> chain() {
        return issuing == certificate ? java.util.List.of(certificate) : java.util.List.of(issuing, certificate);
    }

    /** {@link #chain()} as PEM. */
    public String chainPem() {
        return issuing == certificate ? Pem.of(certificate) : Pem.of(issuing) + Pem.of(certificate);
    }

    /** The issuer name of issued certificates and CRLs. */
    public X500Name name() {
        return X500Name.getInstance(issuing.getSubjectX500Principal().getEncoded());
    }

    public Instant notAfter() {
        return issuing.getNotAfter().toInstant();
    }

    public CaKeyType keyType() {
        return keyType;
    }

    /** SHA-256 of the CA certificate's DER, in hex: how operators and the database recognise this CA. */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public AuthorityKeyIdentifier keyIdentifier() {
        try {
            return new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuing);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new key pair of the CA's key type, for a certificate whose key the service generates. */
    public KeyPair newKeyPair() {
        return keyType.generate(random);
    }

    public X509Certificate sign(X509v3CertificateBuilder builder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate", e);
        }
    }

    public X509CRLHolder sign(X509v2CRLBuilder builder) {
        return builder.build(signer());
    }

    void requireKeyMatchesCertificate() {
        try {
            byte[] challenge = new byte[32];
            random.nextBytes(challenge);
            Signature signing = Signature.getInstance(keyType.signatureAlgorithm());
            signing.initSign(key);
            signing.update(challenge);
            byte[] signature = signing.sign();
            Signature verifying = Signature.getInstance(keyType.signatureAlgorithm());
            verifying.initVerify(certificate.getPublicKey());
            verifying.update(challenge);
            if (!verifying.verify(signature)) {
                throw new IllegalStateException("the CA key does not belong to the CA certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the CA key does not belong to the CA certificate", e);
        }
    }

    private ContentSigner signer() {
        try {
            return new JcaContentSignerBuilder(keyType.signatureAlgorithm()).build(issuingKey);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}
