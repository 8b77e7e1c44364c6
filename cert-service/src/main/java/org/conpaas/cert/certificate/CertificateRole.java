package org.conpaas.cert.certificate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.conpaas.kit.web.ApiException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Whom a certificate is for; written into its subject as OU. */
public enum CertificateRole {
    USER, ADMIN, DIRECTOR, MANAGER, AGENT;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CertificateRole of(String value) {
        return Arrays.stream(values()).filter(r -> r.value().equals(value)).findFirst()
                .orElseThrow(() -> ApiException.invalid("role must be one of " + Arrays.stream(values())
                        .map(CertificateRole::value).collect(Collectors.joining(", ")) + ", was '" + value + "'"));
    }

    /** The role of a node certificate: manager or agent. */
    public static CertificateRole ofNode(String value) {
        if ("manager".equals(value) || "agent".equals(value)) {
            return of(value);
        }
        throw ApiException.invalid("role must be manager or agent, was '" + (value == null ? "" : value) + "'");
    }

    public boolean isNode() {
        return this == MANAGER || this == AGENT;
    }
}
