package org.conpaas.cert.certificate;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.conpaas.cert.authority.CaProperties;
import org.conpaas.cert.authority.CertificateAuthority;
import org.springframework.stereotype.Component;

import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Builds and signs leaf certificates: SHA-256 signature by the CA, valid from five minutes ago
 * (clocks drift) for {@code conpaas.ca.leaf-validity} but never beyond the CA, not a CA itself,
 * key usage by key type, extended key usage and names by role.
 */
@Component
public class CertificateSigner {

    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final CertificateAuthority authority;
    private final CaProperties properties;
    private final Clock clock;

    public CertificateSigner(CertificateAuthority authority, CaProperties properties, Clock clock) {
        this.authority = authority;
        this.properties = properties;
        this.clock = clock;
    }

    public X509Certificate sign(SerialNumber serial, CertificateSubject subject, SubjectPublicKeyInfo publicKey) {
        Instant now = clock.instant();
        Instant notAfter = now.plus(properties.leafValidity());
        if (notAfter.isAfter(authority.notAfter())) {
            notAfter = authority.notAfter();
        }
        boolean rsa = PKCSObjectIdentifiers.rsaEncryption.equals(publicKey.getAlgorithm().getAlgorithm());
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(authority.name(), serial.toBigInteger(),
                Date.from(now.minus(CLOCK_SKEW)), Date.from(notAfter), subject.distinguishedName(), publicKey);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(rsa
                            ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(subject.extendedKeyUsage()))
                    .addExtension(Extension.subjectAlternativeName, false, subject.alternativeNames())
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(publicKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, authority.keyIdentifier());
            if (properties.crlUrl() != null && !properties.crlUrl().isBlank()) {
                GeneralNames where = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, properties.crlUrl()));
                builder.addExtension(Extension.cRLDistributionPoints, false,
                        new CRLDistPoint(new DistributionPoint[]{new DistributionPoint(new DistributionPointName(where), null, null)}));
            }
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build the certificate for " + subject.describe(), e);
        }
        return authority.sign(builder);
    }
}
