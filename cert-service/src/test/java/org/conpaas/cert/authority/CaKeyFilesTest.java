package org.conpaas.cert.authority;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.conpaas.cert.OpenSsl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaKeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void createsTheCaOnceWithItsKeyEncryptedAndPrivateAndKeepsItAcrossRestarts() throws Exception {
        CaProperties properties = CaProperties.defaults(dir.resolve("ca"));
        CertificateAuthority first = CertificateAuthority.loadOrCreate(properties, Clock.systemUTC());

        Path key = dir.resolve("ca/" + CaKeyFiles.KEY_FILE);
        String keyText = Files.readString(key);
        assertThat(keyText).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
                .doesNotContain("BEGIN PRIVATE KEY").doesNotContain("BEGIN EC PRIVATE KEY").doesNotContain("BEGIN RSA PRIVATE KEY");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca/" + CaKeyFiles.PASSPHRASE_FILE))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca")))).isEqualTo("rwx------");

        CertificateAuthority restarted = CertificateAuthority.loadOrCreate(properties, Clock.systemUTC());
        assertThat(restarted.certificate()).isEqualTo(first.certificate());
        assertThat(restarted.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(Files.readString(key)).as("a restart does not rewrite the key").isEqualTo(keyText);
        // the reloaded private key is the same key: what it signs verifies against the first CA's certificate
        X509CRLHolder crl = restarted.sign(new X509v2CRLBuilder(restarted.name(), new Date()));
        assertThat(crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(first.certificate()))).isTrue();
    }

    @Test
    void theCaCertificateIsATenYearSha256CaOfTheConfiguredName() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(CaProperties.defaults(dir), Clock.systemUTC());
        assertThat(ca.certificate().getBasicConstraints()).isZero();
        assertThat(ca.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(ca.name()).isEqualTo(new X500Name("CN=ConPaaS Root CA,O=ConPaaS"));
        assertThat(ca.certificate().getSerialNumber().bitLength()).isEqualTo(128);
        Duration validity = Duration.between(Instant.now(), ca.notAfter());
        assertThat(validity).isBetween(Duration.ofDays(3649), Duration.ofDays(3650));
        assertThat(ca.certificate().getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.certificate().getKeyUsage()[6]).as("cRLSign").isTrue();
    }

    @Test
    void openSslDecryptsTheKeyOnlyWithThePassphrase() throws Exception {
        CertificateAuthority.loadOrCreate(CaProperties.defaults(dir), Clock.systemUTC());
        assertThat(OpenSsl.run(dir, "pkey", "-in", CaKeyFiles.KEY_FILE, "-passin", "pass:not-the-passphrase", "-noout").exitCode())
                .isNotZero();
        OpenSsl.ok(dir, "pkey", "-in", CaKeyFiles.KEY_FILE, "-passin", "file:" + CaKeyFiles.PASSPHRASE_FILE, "-noout");
        String text = OpenSsl.ok(dir, "asn1parse", "-in", CaKeyFiles.KEY_FILE);
        assertThat(text).contains("PBES2").contains("PBKDF2").contains("aes-256-cbc").contains("hmacWithSHA256");
    }

    @Test
    void aConfiguredPassphraseIsUsedAndAWrongOneRefusesToStart() throws Exception {
        CaProperties properties = CaProperties.defaults(dir).withPassphrase("correct horse battery staple");
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(properties, Clock.systemUTC());
        assertThat(dir.resolve(CaKeyFiles.PASSPHRASE_FILE)).doesNotExist();
        assertThat(CertificateAuthority.loadOrCreate(properties, Clock.systemUTC()).fingerprint()).isEqualTo(ca.fingerprint());

        assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(properties.withPassphrase("a different long passphrase"), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("wrong passphrase");
        assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(properties.withPassphrase(null), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("neither conpaas.ca.passphrase is set");
        assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(CaProperties.defaults(dir.resolve("short")).withPassphrase("short"), Clock.systemUTC()))
                .hasMessageContaining("at least 16 characters");
    }

    @Test
    void refusesAKeyOthersCanReadAndAnIncompleteCa() throws Exception {
        CertificateAuthority.loadOrCreate(CaProperties.defaults(dir), Clock.systemUTC());
        Path key = dir.resolve(CaKeyFiles.KEY_FILE);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(CaProperties.defaults(dir), Clock.systemUTC()))
                .hasMessageContaining("readable by others").hasMessageContaining("chmod 600");

        Files.delete(key);
        assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(CaProperties.defaults(dir), Clock.systemUTC()))
                .hasMessageContaining("incomplete").hasMessageContaining(CaKeyFiles.KEY_FILE + " is missing");
    }

    @Test
    void rsaIsSelectable() {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(CaProperties.defaults(dir).withKeyType(CaKeyType.RSA_3072),
                Clock.systemUTC());
        assertThat(((RSAPublicKey) ca.certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
        assertThat(ca.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(CertificateAuthority.loadOrCreate(CaProperties.defaults(dir), Clock.systemUTC()).keyType())
                .as("an existing CA keeps its key type whatever is configured later").isEqualTo(CaKeyType.RSA_3072);
    }

    @Test
    void anIntermediateIssuesWhenAskedAndOpenSslVerifiesItsCertificatesUpToTheRoot() throws Exception {
        CaProperties properties = CaProperties.defaults(dir).withIntermediate(true);
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(properties, Clock.systemUTC());
        assertThat(ca.certificate().getBasicConstraints()).as("the root allows one CA below it").isEqualTo(1);
        assertThat(ca.issuingCertificate()).isNotEqualTo(ca.certificate());
        assertThat(ca.issuingCertificate().getBasicConstraints()).isZero();
        assertThat(ca.name()).isEqualTo(new X500Name("CN=ConPaaS Issuing CA,O=ConPaaS"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(CaKeyFiles.ISSUING_KEY_FILE))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve(CaKeyFiles.ISSUING_KEY_FILE))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

        var signer = new org.conpaas.cert.certificate.CertificateSigner(ca, properties, Clock.systemUTC());
        var keys = ca.newKeyPair();
        var leaf = signer.sign(org.conpaas.cert.certificate.SerialNumber.random(),
                org.conpaas.cert.certificate.CertificateSubject.forNode(org.conpaas.cert.certificate.CertificateRole.AGENT,
                        org.conpaas.contracts.id.NodeId.of("n1"), org.conpaas.contracts.id.ServiceId.of("s1"),
                        org.conpaas.contracts.id.ApplicationId.of("a1")),
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        Files.writeString(dir.resolve("leaf.pem"), Pem.of(leaf));
        Files.writeString(dir.resolve("root.pem"), ca.certificatePem());
        Files.writeString(dir.resolve("chain.pem"), ca.chainPem());
        assertThat(OpenSsl.ok(dir, "verify", "-CAfile", "root.pem", "-untrusted", CaKeyFiles.ISSUING_CERT_FILE, "leaf.pem"))
                .contains("leaf.pem: OK");
        assertThat(OpenSsl.run(dir, "verify", "-CAfile", "root.pem", "leaf.pem").exitCode()).as("not without the intermediate").isNotZero();
        assertThat(OpenSsl.ok(dir, "verify", "-CAfile", "chain.pem", "leaf.pem")).contains("leaf.pem: OK");

        CertificateAuthority restarted = CertificateAuthority.loadOrCreate(properties, Clock.systemUTC());
        assertThat(restarted.issuingCertificate()).isEqualTo(ca.issuingCertificate());
        assertThat(restarted.certificate()).isEqualTo(ca.certificate());
    }

    @Test
    void aRootCreatedWithoutRoomForAnIntermediateRefusesToGetOne() {
        CertificateAuthority.loadOrCreate(CaProperties.defaults(dir), Clock.systemUTC());
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        CertificateAuthority.loadOrCreate(CaProperties.defaults(dir).withIntermediate(true), Clock.systemUTC()))
                .hasMessageContaining("without room for an intermediate");
    }
}
