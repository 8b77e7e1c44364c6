package org.conpaas.bench;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.conpaas.cert.authority.CaKeyType;
import org.conpaas.cert.authority.CaProperties;
import org.conpaas.cert.authority.CertificateAuthority;
import org.conpaas.cert.certificate.CertificateRole;
import org.conpaas.cert.certificate.CertificateSigner;
import org.conpaas.cert.certificate.CertificateSubject;
import org.conpaas.cert.certificate.CertificationRequest;
import org.conpaas.cert.certificate.SerialNumber;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 3's measure: CSRs signed per second by cert-service's own code (parse and check the
 * PKCS#10 request, then build and sign the node certificate with the CA key), beside `openssl
 * speed ecdsap256` signatures per second on the same machine, and `openssl speed rsa2048` (or
 * rsa3072) when the CA's key is RSA. The CA key type is cert-service's setting, here from
 * {@code CONPAAS_CA_KEY_TYPE} (ec-p256, rsa-2048, rsa-3072; default ec-p256). Nodes' CSRs carry
 * EC P-256 keys, as node-agent makes them.
 */
final class CsrSigningBenchmark {

    private static final int CSRS = 2000;
    private final CaKeyType keyType;

    CsrSigningBenchmark(CaKeyType keyType) {
        this.keyType = keyType;
    }

    /** The CA key type named by CONPAAS_CA_KEY_TYPE, as cert-service's conpaas.ca.key-type spells it. */
    static CaKeyType keyTypeFromEnvironment() {
        String name = System.getenv().getOrDefault("CONPAAS_CA_KEY_TYPE", "ec-p256");
        try {
            return CaKeyType.valueOf(name.strip().replace('-', '_').toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CONPAAS_CA_KEY_TYPE=" + name + ": choose ec-p256, rsa-2048 or rsa-3072");
        }
    }

    String run() throws Exception {
        CaProperties properties = CaProperties.defaults(Files.createTempDirectory("conpaas-bench-ca")).withKeyType(keyType);
        CertificateAuthority authority = CertificateAuthority.loadOrCreate(properties, Clock.systemUTC());
        CertificateSigner signer = new CertificateSigner(authority, properties, Clock.systemUTC());
        List<String> csrs = new ArrayList<>();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        BouncyCastleProvider bc = new BouncyCastleProvider();
        for (int i = 0; i < CSRS; i++) {
            KeyPair keys = generator.generateKeyPair();
            byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name("O=ConPaaS,OU=agent,CN=node-" + i), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(bc).build(keys.getPrivate())).getEncoded();
            csrs.add("-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE REQUEST-----\n");
        }
        // warm up, then measure
        sign(signer, csrs.subList(0, 200));
        long start = System.nanoTime();
        sign(signer, csrs);
        double perSecond = CSRS / ((System.nanoTime() - start) / 1e9);
        double ecdsa = opensslSignsPerSecond("ecdsap256", "256 bits ecdsa \\(nistp256\\)");
        String title = keyType == CaKeyType.EC_P256 ? "ECDSA P-256 CA" : keyType == CaKeyType.RSA_2048 ? "RSA 2048 CA" : "RSA 3072 CA";
        StringBuilder table = new StringBuilder("### certificate authority: CSR signing (" + title + ")\n\n"
                + "| measure | ConPaaS | limit on this machine | ratio |\n|---|---|---|---|\n");
        if (keyType == CaKeyType.EC_P256) {
            table.append(row(perSecond, ecdsa, "ecdsap256"));
        } else {
            String bits = keyType == CaKeyType.RSA_2048 ? "2048" : "3072";
            table.append(row(perSecond, opensslSignsPerSecond("rsa" + bits, "rsa\\s+" + bits + " bits"), "rsa" + bits));
            table.append(String.format("| (for comparison) | | %.0f signatures/s (`openssl speed -seconds 3 ecdsap256`) | |%n", ecdsa));
        }
        return table.toString();
    }

    private static String row(double perSecond, double openssl, String algorithm) {
        return String.format("| node CSRs parsed, checked and signed, one thread | %.0f certificates/s | %.0f signatures/s "
                + "(`openssl speed -seconds 3 %s`, one core) | %.2f |%n", perSecond, openssl, algorithm, perSecond / openssl);
    }

    private static void sign(CertificateSigner signer, List<String> csrs) {
        for (int i = 0; i < csrs.size(); i++) {
            CertificationRequest request = CertificationRequest.parse(csrs.get(i));
            CertificateSubject subject = CertificateSubject.forNode(CertificateRole.AGENT, NodeId.of("node-" + i),
                    ServiceId.of("svc"), ApplicationId.of("app"));
            signer.sign(SerialNumber.random(), subject, request.publicKey());
        }
    }

    private static double opensslSignsPerSecond(String algorithm, String label) throws Exception {
        Process speed = new ProcessBuilder("openssl", "speed", "-seconds", "3", algorithm).redirectErrorStream(true).start();
        String out = new String(speed.getInputStream().readAllBytes());
        speed.waitFor();
        // "256 bits ecdsa (nistp256)   0.0000s   0.0001s  42000.0  13000.0", "rsa 2048 bits 0.000262s 0.000015s 3814.8 64629.2":
        // sign/s is the first number after the two times
        Matcher m = Pattern.compile(label + "\\s+\\S+s\\s+\\S+s\\s+([0-9.]+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("cannot read openssl speed " + algorithm + "'s output:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }
}
