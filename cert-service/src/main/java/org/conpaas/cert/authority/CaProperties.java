package org.conpaas.cert.authority;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The certificate authority's settings (docs/api/certificates.md lists them).
 *
 * @param dataDir                 where the CA's encrypted key, its certificate and (when generated) its passphrase live
 * @param keyType                 the CA's key: ec-p256, rsa-2048 or rsa-3072; applies when the CA is created
 * @param passphrase              encrypts the CA key at rest; when empty, one is generated into {@code dataDir}/ca-passphrase (0600)
 * @param subject                 the CA's distinguished name, used when the CA is created
 * @param caValidity              how long the CA certificate is valid
 * @param leafValidity            how long user, node and director certificates are valid
 * @param enrollmentTokenValidity how long a node enrollment token can be used
 * @param crlValidity             the CRL's nextUpdate; it is re-signed at half of it even without revocations
 * @param crlUrl                  when set, the CRL distribution point written into every issued certificate
 * @param intermediate            issue from an intermediate CA signed by the root (created with the root, or later
 *                                when the root allows it), so the root key can be kept offline-safe; off by default
 */
@Validated
@ConfigurationProperties("conpaas.ca")
public record CaProperties(@DefaultValue("ca") @NotNull Path dataDir,
                           @DefaultValue("ec-p256") @NotNull CaKeyType keyType,
                           String passphrase,
                           @DefaultValue("CN=ConPaaS Root CA,O=ConPaaS") @NotBlank String subject,
                           @DefaultValue("3650d") @NotNull Duration caValidity,
                           @DefaultValue("365d") @NotNull Duration leafValidity,
                           @DefaultValue("30m") @NotNull Duration enrollmentTokenValidity,
                           @DefaultValue("7d") @NotNull Duration crlValidity,
                           String crlUrl,
                           @DefaultValue("false") boolean intermediate) {

    public CaProperties {
        requirePositive("ca-validity", caValidity);
        requirePositive("leaf-validity", leafValidity);
        requirePositive("enrollment-token-validity", enrollmentTokenValidity);
        requirePositive("crl-validity", crlValidity);
    }

    /** The settings with their defaults, in {@code dataDir}. */
    public static CaProperties defaults(Path dataDir) {
        return new CaProperties(dataDir, CaKeyType.EC_P256, null, "CN=ConPaaS Root CA,O=ConPaaS",
                Duration.ofDays(3650), Duration.ofDays(365), Duration.ofMinutes(30), Duration.ofDays(7), null, false);
    }

    public CaProperties withKeyType(CaKeyType type) {
        return new CaProperties(dataDir, type, passphrase, subject, caValidity, leafValidity, enrollmentTokenValidity,
                crlValidity, crlUrl, intermediate);
    }

    public CaProperties withPassphrase(String value) {
        return new CaProperties(dataDir, keyType, value, subject, caValidity, leafValidity, enrollmentTokenValidity,
                crlValidity, crlUrl, intermediate);
    }

    public CaProperties withIntermediate(boolean value) {
        return new CaProperties(dataDir, keyType, passphrase, subject, caValidity, leafValidity, enrollmentTokenValidity,
                crlValidity, crlUrl, value);
    }

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("conpaas.ca." + name + " must be positive, was " + value);
        }
    }
}
