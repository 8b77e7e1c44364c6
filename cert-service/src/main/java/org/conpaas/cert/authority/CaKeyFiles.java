package org.conpaas.cert.authority;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Set;

/**
 * The CA's files in its data directory: {@value #KEY_FILE} (the private key as encrypted PKCS#8,
 * AES-256-CBC with a PBKDF2-HMAC-SHA256 key, mode 0600), {@value #CERT_FILE} (the self-signed CA
 * certificate) and, when no passphrase is configured, {@value #PASSPHRASE_FILE} (a generated one,
 * 0600). Creates them on first start; afterwards only reads them, so a restart keeps the CA.
 */
final class CaKeyFiles {

    static final String KEY_FILE = "ca-key.pem";
    static final String CERT_FILE = "ca.pem";
    static final String PASSPHRASE_FILE = "ca-passphrase";
    static final String ISSUING_KEY_FILE = "issuing-key.pem";
    static final String ISSUING_CERT_FILE = "issuing.pem";
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(CaKeyFiles.class);
    private static final int PBKDF2_ITERATIONS = 600_000;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final CaProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CaKeyFiles(CaProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    CertificateAuthority loadOrCreate() {
        Path dir = properties.dataDir().toAbsolutePath();
        Path key = dir.resolve(KEY_FILE);
        Path cert = dir.resolve(CERT_FILE);
        try {
            CertificateAuthority root;
            if (Files.exists(key) && Files.exists(cert)) {
                root = load(key, cert);
            } else if (Files.exists(key) || Files.exists(cert)) {
                throw new IllegalStateException("the CA in " + dir + " is incomplete: " + (Files.exists(key) ? CERT_FILE : KEY_FILE)
                        + " is missing; restore it from a backup (a new CA would invalidate every certificate it issued)");
            } else {
                root = create(dir, key, cert);
            }
            return withIssuer(root, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the CA data directory " + dir, e);
        }
    }

    private CertificateAuthority load(Path keyFile, Path certFile) throws IOException {
        refuseLooseKeyPermissions(keyFile);
        char[] passphrase = passphrase(keyFile.getParent(), false);
        X509Certificate certificate;
        PrivateKey key;
        try (Reader in = Files.newBufferedReader(certFile); PEMParser pem = new PEMParser(in)) {
            certificate = new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) pem.readObject());
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException(certFile + " does not hold a PEM certificate", e);
        }
        try (Reader in = Files.newBufferedReader(keyFile); PEMParser pem = new PEMParser(in)) {
            Object read = pem.readObject();
            if (!(read instanceof PKCS8EncryptedPrivateKeyInfo encrypted)) {
                throw new IllegalStateException(keyFile + " does not hold an encrypted PKCS#8 key (BEGIN ENCRYPTED PRIVATE KEY)");
            }
            PrivateKeyInfo info = encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Crypto.BC).build(passphrase));
            key = new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PKCSException | OperatorCreationException e) {
            throw new IllegalStateException("cannot decrypt the CA key " + keyFile + ": wrong passphrase? (conpaas.ca.passphrase, or "
                    + PASSPHRASE_FILE + " in the data directory)", e);
        }
        CertificateAuthority authority = new CertificateAuthority(certificate, key, CaKeyType.of(key, certificate.getPublicKey()));
        authority.requireKeyMatchesCertificate();
        log.info("certificate authority {} loaded from {}", certificate.getSubjectX500Principal().getName(), keyFile.getParent());
        return authority;
    }

    /**
     * The root alone, or the root with its intermediate: the one in the data directory, or (when
     * {@code conpaas.ca.intermediate} is on and there is none yet) a new one signed by the root.
     */
    private CertificateAuthority withIssuer(CertificateAuthority root, Path dir) throws IOException {
        Path key = dir.resolve(ISSUING_KEY_FILE);
        Path cert = dir.resolve(ISSUING_CERT_FILE);
        if (!Files.exists(cert) && !properties.intermediate()) {
            return root;
        }
        CertificateAuthority issuing;
        if (Files.exists(key) && Files.exists(cert)) {
            issuing = load(key, cert);
        } else {
            if (root.certificate().getBasicConstraints() < 1) {
                throw new IllegalStateException("conpaas.ca.intermediate is on, but the CA in " + dir + " was created without room for"
                        + " an intermediate (path length 0); keep issuing from the root (intermediate=false) or start a new CA");
            }
            KeyPair keys = properties.keyType().generate(random);
            String name = properties.subject().contains("Root CA") ? properties.subject().replace("Root CA", "Issuing CA")
                    : "CN=ConPaaS Issuing CA,O=ConPaaS";
            X509Certificate certificate = caCertificate(keys, new X500Name(name), 0, root);
            writePrivately(key, encrypt(keys.getPrivate(), passphrase(dir, false)));
            writeAtomically(cert, Pem.of(certificate), null);
            log.info("created intermediate CA {} signed by {}", certificate.getSubjectX500Principal().getName(),
                    root.certificate().getSubjectX500Principal().getName());
            issuing = new CertificateAuthority(certificate, keys.getPrivate(), properties.keyType());
        }
        try {
            issuing.certificate().verify(root.certificate().getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(cert + " is not signed by the root CA in " + dir, e);
        }
        return new CertificateAuthority(root.certificate(), root.rootKey(), root.keyType(), issuing.certificate(), issuing.rootKey());
    }

    private CertificateAuthority create(Path dir, Path keyFile, Path certFile) throws IOException {
        Files.createDirectories(dir);
        restrictDirectory(dir);
        char[] passphrase = passphrase(dir, true);
        KeyPair keys = properties.keyType().generate(random);
        X509Certificate certificate = caCertificate(keys, new X500Name(properties.subject()), properties.intermediate() ? 1 : 0, null);
        writePrivately(keyFile, encrypt(keys.getPrivate(), passphrase));
        writeAtomically(certFile, Pem.of(certificate), null);
        log.info("created certificate authority {} ({}) in {}", certificate.getSubjectX500Principal().getName(),
                properties.keyType(), dir);
        return new CertificateAuthority(certificate, keys.getPrivate(), properties.keyType());
    }

    /** A CA certificate for {@code keys}: self-signed when {@code signer} is null, else signed by it (an intermediate). */
    private X509Certificate caCertificate(KeyPair keys, X500Name name, int pathLength, CertificateAuthority signer) {
        Instant now = clock.instant();
        Instant notAfter = now.plus(properties.caValidity());
        if (signer != null && notAfter.isAfter(signer.certificate().getNotAfter().toInstant())) {
            notAfter = signer.certificate().getNotAfter().toInstant();
        }
        X500Name issuer = signer == null ? name : X500Name.getInstance(signer.certificate().getSubjectX500Principal().getEncoded());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(128, random).setBit(127),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(notAfter), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, signer == null
                            ? extensions.createAuthorityKeyIdentifier(keys.getPublic())
                            : extensions.createAuthorityKeyIdentifier(signer.certificate()));
            PrivateKey signingKey = signer == null ? keys.getPrivate() : signer.rootKey();
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(properties.keyType().signatureAlgorithm()).build(signingKey)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create the CA certificate", e);
        }
    }

    private String encrypt(PrivateKey key, char[] passphrase) {
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setPRF(PKCS8Generator.PRF_HMACSHA256).setIterationCount(PBKDF2_ITERATIONS)
                    .setRandom(random).setPassword(passphrase).setProvider(Crypto.BC).build();
            return Pem.of(new JcaPKCS8Generator(key, encryptor).generate());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot encrypt the CA key", e);
        }
    }

    /** The configured passphrase, else the one in the data directory (generated with the CA). */
    private char[] passphrase(Path dir, boolean creating) throws IOException {
        if (properties.passphrase() != null && !properties.passphrase().isBlank()) {
            if (properties.passphrase().length() < 16) {
                throw new IllegalStateException("conpaas.ca.passphrase must have at least 16 characters");
            }
            return properties.passphrase().toCharArray();
        }
        Path file = dir.resolve(PASSPHRASE_FILE);
        if (Files.exists(file)) {
            refuseLooseKeyPermissions(file);
            return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
        }
        if (!creating) {
            throw new IllegalStateException("the CA key in " + dir + " is encrypted, but neither conpaas.ca.passphrase is set nor "
                    + PASSPHRASE_FILE + " is there");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        writePrivately(file, generated + "\n");
        return generated.toCharArray();
    }

    private static void writePrivately(Path file, String content) throws IOException {
        writeAtomically(file, content, OWNER_ONLY);
    }

    /** Writes a temporary file (created with its final permissions, so never readable by others) and moves it in place. */
    private static void writeAtomically(Path file, String content, Set<PosixFilePermission> permissions) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (permissions != null && posix()) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(permissions));
        }
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrictDirectory(Path dir) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void refuseLooseKeyPermissions(Path file) throws IOException {
        if (!posix()) {
            return;
        }
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(actual)) {
            throw new IllegalStateException(file + " is readable by others (" + PosixFilePermissions.toString(actual)
                    + "); make it private: chmod 600 " + file);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
