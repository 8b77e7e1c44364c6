package org.conpaas.agent;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A node certificate from a CA that issues through an intermediate verifies up to the pinned root; a stranger's does not. */
class ChainVerificationTest {

    @Test
    void acceptsTheRootOrAnIntermediateItSignedAndNothingElse() throws Exception {
        KeyPair rootKeys = keys(), intermediateKeys = keys(), leafKeys = keys(), otherKeys = keys();
        X509Certificate root = certificate("CN=Root,O=ConPaaS", rootKeys, "CN=Root,O=ConPaaS", rootKeys.getPrivate(), 1);
        X509Certificate intermediate = certificate("CN=Issuing,O=ConPaaS", intermediateKeys, "CN=Root,O=ConPaaS", rootKeys.getPrivate(), 0);
        X509Certificate leaf = certificate("CN=node-1,OU=agent,O=ConPaaS", leafKeys, "CN=Issuing,O=ConPaaS", intermediateKeys.getPrivate(), -1);
        X509Certificate direct = certificate("CN=node-2,OU=agent,O=ConPaaS", leafKeys, "CN=Root,O=ConPaaS", rootKeys.getPrivate(), -1);
        X509Certificate stranger = certificate("CN=Issuing,O=ConPaaS", otherKeys, "CN=Issuing,O=ConPaaS", otherKeys.getPrivate(), 0);

        assertDoesNotThrow(() -> NodeCredentials.verifyIssued(leaf, List.of(intermediate), root));
        assertDoesNotThrow(() -> NodeCredentials.verifyIssued(direct, List.of(), root));
        assertThrows(SignatureException.class, () -> NodeCredentials.verifyIssued(leaf, List.of(), root));
        assertThrows(Exception.class, () -> NodeCredentials.verifyIssued(leaf, List.of(stranger), root));
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair keys, String issuer, PrivateKey signer, int pathLength)
            throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(System.nanoTime()),
                Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(3600)), new X500Name(subject),
                keys.getPublic());
        if (pathLength >= 0) {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }
}
