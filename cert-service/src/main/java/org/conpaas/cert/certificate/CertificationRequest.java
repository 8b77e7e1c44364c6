package org.conpaas.cert.certificate;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.conpaas.cert.authority.Crypto;
import org.conpaas.kit.web.ApiException;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A PKCS#10 certificate signing request a caller uploaded, accepted only when it is PEM, its key
 * is strong enough (RSA of 2048 to 8192 bits, or EC on P-256 or P-384), and its self-signature
 * verifies. What the certificate will say is decided by the service, not by the request: the
 * request's subject may only repeat it ({@link #requireSubject}); requested extensions are ignored.
 */
public final class CertificationRequest {

    public static final int MAX_LENGTH = 16 * 1024;
    private static final String HOW = "send a PEM certificate request (-----BEGIN CERTIFICATE REQUEST-----), e.g. from "
            + "'openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -subj /CN=name'";

    private final PKCS10CertificationRequest request;

    private CertificationRequest(PKCS10CertificationRequest request) {
        this.request = request;
    }

    public static CertificationRequest parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw ApiException.invalid("csr is required: " + HOW);
        }
        if (pem.length() > MAX_LENGTH) {
            throw ApiException.invalid("csr has " + pem.length() + " characters; a certificate request has at most " + MAX_LENGTH);
        }
        Object read;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            read = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw ApiException.invalid("csr is not a readable certificate request: " + HOW);
        }
        if (!(read instanceof PKCS10CertificationRequest csr)) {
            throw ApiException.invalid("csr is not a certificate request" + (read == null ? "" : " but a " + kind(read)) + ": " + HOW);
        }
        CertificationRequest request = new CertificationRequest(csr);
        request.requireStrongKey();
        request.requireValidSignature();
        return request;
    }

    public SubjectPublicKeyInfo publicKey() {
        return request.getSubjectPublicKeyInfo();
    }

    public X500Name subject() {
        return request.getSubject();
    }

    /**
     * Refuses a request whose subject names someone or something else than {@code expected}:
     * its CN, UID and OU, where present, must be what the certificate will say. An empty
     * subject is fine.
     */
    public void requireSubject(CertificateSubject expected) {
        requireOnly(BCStyle.CN, "CN", expected.commonName());
        requireOnly(BCStyle.UID, "UID", expected.userId() == null ? null : expected.userId().value());
        requireOnly(BCStyle.OU, "OU (the role)", expected.role().value());
    }

    private void requireOnly(ASN1ObjectIdentifier type, String label, String expected) {
        for (String claimed : values(type)) {
            if (!Objects.equals(claimed, expected)) {
                throw ApiException.invalid("the csr's subject claims " + label + "=" + abbreviate(claimed) + ", but "
                        + (expected == null ? "this certificate has no " + label : "it can only be " + label + "=" + expected)
                        + "; leave it out or use that value");
            }
        }
    }

    private List<String> values(ASN1ObjectIdentifier type) {
        List<String> values = new ArrayList<>();
        for (RDN rdn : request.getSubject().getRDNs()) {
            for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
                if (value.getType().equals(type)) {
                    values.add(IETFUtils.valueToString(value.getValue()));
                }
            }
        }
        return values;
    }

    private void requireStrongKey() {
        SubjectPublicKeyInfo key = request.getSubjectPublicKeyInfo();
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            int bits;
            try {
                bits = RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength();
            } catch (IOException | RuntimeException e) {
                throw ApiException.invalid("the csr's RSA public key is malformed");
            }
            if (bits < 2048 || bits > 8192) {
                throw ApiException.invalid("the csr's RSA key has " + bits + " bits; RSA keys must have 2048 to 8192 bits");
            }
        } else if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            X962Parameters parameters;
            try {
                parameters = X962Parameters.getInstance(key.getAlgorithm().getParameters());
            } catch (RuntimeException e) {
                throw ApiException.invalid("the csr's EC key parameters are malformed");
            }
            if (!parameters.isNamedCurve()) {
                throw ApiException.invalid("the csr's EC key uses explicit curve parameters; use the named curve P-256 or P-384");
            }
            ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(parameters.getParameters());
            if (!SECObjectIdentifiers.secp256r1.equals(curve) && !SECObjectIdentifiers.secp384r1.equals(curve)) {
                String name = ECNamedCurveTable.getName(curve);
                throw ApiException.invalid("the csr's EC key is on curve " + (name == null ? curve.getId() : name)
                        + "; EC keys must be on P-256 or P-384");
            }
        } else {
            throw ApiException.invalid("the csr's key algorithm (" + algorithm.getId() + ") is not accepted; use EC (P-256 or P-384) "
                    + "or RSA (at least 2048 bits)");
        }
    }

    private void requireValidSignature() {
        boolean valid;
        try {
            valid = request.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Crypto.BC).build(request.getSubjectPublicKeyInfo()));
        } catch (Exception e) {
            valid = false;
        }
        if (!valid) {
            throw ApiException.invalid("the csr's self-signature does not verify: it was altered, or not signed with the key it carries");
        }
    }

    private static String kind(Object read) {
        String name = read.getClass().getSimpleName();
        return name.replace("Holder", "").replace("X509", "X.509 ");
    }

    private static String abbreviate(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
