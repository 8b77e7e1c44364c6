package org.conpaas.identity.user;

import org.conpaas.kit.web.ApiException;

/**
 * Who a user is at an external identity provider: the provider ({@code issuer}: the alias of a
 * provider Keycloak brokers, such as {@code contrail}, or the issuer URL of a direct OpenID
 * Connect login) and the subject it names the user by (a SAML NameID, an OIDC {@code sub}).
 * Written {@code issuer|subject} in {@code externalId}.
 */
public record ExternalIdentity(String issuer, String subject) {

    private static final int MAX = 250;

    public ExternalIdentity {
        if (!valid(issuer) || issuer.contains("|")) {
            throw ApiException.invalid("the external identity's issuer must be 1 to " + MAX
                    + " characters without '|' or control characters, was '" + issuer + "'");
        }
        if (!valid(subject)) {
            throw ApiException.invalid("the external identity's subject must be 1 to " + MAX + " characters without control characters");
        }
    }

    /** Reads {@code issuer|subject}; null for null. */
    public static ExternalIdentity parse(String externalId) {
        if (externalId == null) {
            return null;
        }
        int bar = externalId.indexOf('|');
        if (bar < 0) {
            throw ApiException.invalid("an external id is written 'issuer|subject', was '" + externalId + "'");
        }
        return new ExternalIdentity(externalId.substring(0, bar), externalId.substring(bar + 1));
    }

    public String value() {
        return issuer + "|" + subject;
    }

    private static boolean valid(String s) {
        return s != null && !s.isBlank() && s.length() <= MAX && s.codePoints().noneMatch(Character::isISOControl);
    }

    @Override
    public String toString() {
        return value();
    }
}
