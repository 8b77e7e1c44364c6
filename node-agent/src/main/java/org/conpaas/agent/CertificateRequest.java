package org.conpaas.agent;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/**
 * The node's key pair and its PKCS#10 request, subject {@code O=ConPaaS, OU=<role>, CN=<node id>}
 * as cert-service issues node certificates. The JDK makes and signs with the key; Bouncy Castle
 * only encodes the request.
 */
final class CertificateRequest {

    private CertificateRequest() {
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make EC P-256 keys", e);
        }
    }

    static X500Name subject(NodeIdentity identity) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "ConPaaS")
                .addRDN(BCStyle.OU, identity.role())
                .addRDN(BCStyle.CN, identity.nodeId())
                .build();
    }

    static PKCS10CertificationRequest build(KeyPair keyPair, NodeIdentity identity) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(subject(identity), keyPair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the certificate request", e);
        }
    }

    static String pem(KeyPair keyPair, NodeIdentity identity) {
        try {
            return Pem.encode("CERTIFICATE REQUEST", build(keyPair, identity).getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
