package org.conpaas.identity.sso;

import org.conpaas.identity.user.ExternalIdentity;

/**
 * What a checked ID token says. {@code identityProvider} and {@code identityProviderSubject} are
 * Keycloak's session notes for a brokered login (the alias of the provider, and the subject it
 * named the user by: a SAML NameID); they are null when the user is the realm's own.
 */
record VerifiedIdToken(String issuer, String subject, String identityProvider, String identityProviderSubject,
                       String preferredUsername, String email) {

    /** The brokered provider and its subject, or else the realm and its subject. */
    ExternalIdentity externalIdentity() {
        if (identityProvider != null && identityProviderSubject != null) {
            return new ExternalIdentity(identityProvider, identityProviderSubject);
        }
        return new ExternalIdentity(issuer, subject);
    }
}
