package org.conpaas.cert.certificate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.bouncycastle.asn1.x509.CRLReason;
import org.conpaas.kit.web.ApiException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Why a certificate was revoked: the RFC 5280 reason codes that apply to ConPaaS certificates. */
public enum RevocationReason {
    UNSPECIFIED("unspecified", CRLReason.unspecified),
    KEY_COMPROMISE("keyCompromise", CRLReason.keyCompromise),
    AFFILIATION_CHANGED("affiliationChanged", CRLReason.affiliationChanged),
    SUPERSEDED("superseded", CRLReason.superseded),
    CESSATION_OF_OPERATION("cessationOfOperation", CRLReason.cessationOfOperation),
    PRIVILEGE_WITHDRAWN("privilegeWithdrawn", CRLReason.privilegeWithdrawn);

    private final String value;
    private final int code;

    RevocationReason(String value, int code) {
        this.value = value;
        this.code = code;
    }

    @JsonValue
    public String value() {
        return value;
    }

    public int code() {
        return code;
    }

    /** keyCompromise, key-compromise and KEY_COMPROMISE all name the same reason; none means unspecified. */
    @JsonCreator
    public static RevocationReason of(String text) {
        if (text == null || text.isBlank()) {
            return UNSPECIFIED;
        }
        String key = normalise(text);
        return Arrays.stream(values()).filter(r -> normalise(r.value).equals(key)).findFirst()
                .orElseThrow(() -> ApiException.invalid("reason must be one of " + Arrays.stream(values())
                        .map(RevocationReason::value).collect(Collectors.joining(", "))));
    }

    private static String normalise(String text) {
        return text.replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }
}
