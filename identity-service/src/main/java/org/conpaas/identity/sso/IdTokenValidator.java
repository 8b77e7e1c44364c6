package org.conpaas.identity.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.stereotype.Component;

import java.net.MalformedURLException;
import java.net.URI;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Checks an ID token the way OpenID Connect Core 3.1.3.7 says: signed (public-key algorithms only)
 * by a key of the realm's JWKS, issued by the configured realm, for this client, not expired nor
 * issued in the future (within the allowed clock skew), and carrying this login's nonce.
 */
@Component
class IdTokenValidator {

    private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final KeycloakEndpoints endpoints;
    private final SsoProperties properties;
    private final Clock clock;
    private volatile JWKSource<SecurityContext> keys;
    private volatile URI keysFrom;

    @org.springframework.beans.factory.annotation.Autowired
    IdTokenValidator(KeycloakEndpoints endpoints, SsoProperties properties) {
        this(endpoints, properties, Clock.systemUTC());
    }

    IdTokenValidator(KeycloakEndpoints endpoints, SsoProperties properties, Clock clock) {
        this.endpoints = endpoints;
        this.properties = properties;
        this.clock = clock;
    }

    VerifiedIdToken validate(String idToken, String expectedNonce) {
        SignedJWT jwt = parse(idToken);
        verifySignature(jwt);
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw SsoProblem.refused("the ID token's claims cannot be read: " + e.getMessage());
        }
        String issuer = endpoints.get().issuer();
        if (!issuer.equals(claims.getIssuer())) {
            throw SsoProblem.refused("unknown issuer: the ID token was issued by '" + claims.getIssuer()
                    + "', this ConPaaS trusts only '" + issuer + "' (conpaas.sso.issuer-uri)");
        }
        checkAudience(claims);
        checkTimes(claims);
        if (expectedNonce == null || !expectedNonce.equals(claims.getClaim("nonce"))) {
            throw SsoProblem.refused("the ID token's nonce is not this login's: a token of another login was replayed; "
                    + "start the login again");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw SsoProblem.refused("the ID token names no subject (sub)");
        }
        return new VerifiedIdToken(claims.getIssuer(), claims.getSubject(), text(claims, "identity_provider"),
                text(claims, "identity_provider_identity"), text(claims, "preferred_username"), text(claims, "email"));
    }

    private static SignedJWT parse(String idToken) {
        if (idToken == null || idToken.isBlank()) {
            throw SsoProblem.misconfigured("the identity provider's token answer has no id_token: is the 'openid' scope "
                    + "allowed for the client (conpaas.sso.client-id)?");
        }
        try {
            return SignedJWT.parse(idToken);
        } catch (ParseException e) {
            throw SsoProblem.refused("the ID token is not a signed JWT (" + e.getMessage() + ")");
        }
    }

    private void verifySignature(SignedJWT jwt) {
        JWSHeader header = jwt.getHeader();
        if (!ACCEPTED.contains(header.getAlgorithm())) {
            throw SsoProblem.refused("the ID token is signed with " + header.getAlgorithm()
                    + ": only the identity provider's public-key signatures (RS/PS/ES) are accepted");
        }
        List<? extends Key> candidates;
        try {
            candidates = new JWSVerificationKeySelector<>(header.getAlgorithm(), keys()).selectJWSKeys(header, null);
        } catch (KeySourceException e) {
            throw SsoProblem.misconfigured("the identity provider's keys (JWKS at " + keysFrom + ") cannot be read: "
                    + e.getMessage());
        }
        if (candidates.isEmpty()) {
            throw SsoProblem.refused("the ID token is signed with key '" + header.getKeyID() + "', which the identity "
                    + "provider does not publish (JWKS at " + keysFrom + "): it was signed by someone else");
        }
        for (Key key : candidates) {
            try {
                JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(header, key);
                if (jwt.verify(verifier)) {
                    return;
                }
            } catch (JOSEException e) {
                // try the next key of that id, if any
            }
        }
        throw SsoProblem.refused("the ID token's signature does not verify with the identity provider's key '"
                + header.getKeyID() + "' (JWKS at " + keysFrom + "): the token was altered on its way");
    }

    private void checkAudience(JWTClaimsSet claims) {
        String client = properties.clientId();
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(client)) {
            throw SsoProblem.refused("the ID token is meant for " + audience + ", not for this ConPaaS's client '" + client
                    + "' (conpaas.sso.client-id)");
        }
        Object azp = claims.getClaim("azp");
        if (audience.size() > 1 && !client.equals(azp)) {
            throw SsoProblem.refused("the ID token has several audiences and was authorised for '" + azp + "', not '" + client + "'");
        }
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Duration skew = properties.clockSkew();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) {
            throw SsoProblem.refused("the ID token lacks exp or iat");
        }
        if (now.isAfter(exp.toInstant().plus(skew))) {
            throw SsoProblem.refused("the ID token expired at " + exp.toInstant() + " and it is " + now
                    + " here: if you just signed in, this machine's clock and the identity provider's differ by more than "
                    + skew.toSeconds() + " s (conpaas.sso.clock-skew): synchronise the clocks (NTP)");
        }
        if (iat.toInstant().isAfter(now.plus(skew))) {
            throw SsoProblem.refused("the ID token was issued at " + iat.toInstant() + ", in the future by this machine's clock ("
                    + now + "): the clocks differ by more than " + skew.toSeconds()
                    + " s (conpaas.sso.clock-skew): synchronise the clocks (NTP)");
        }
    }

    private JWKSource<SecurityContext> keys() {
        URI jwks = endpoints.get().jwks();
        if (keys == null || !jwks.equals(keysFrom)) {
            try {
                keys = JWKSourceBuilder.create(jwks.toURL()).retrying(true).build();
                keysFrom = jwks;
            } catch (MalformedURLException e) {
                throw SsoProblem.misconfigured("the identity provider's jwks_uri is not a URL: " + jwks);
            }
        }
        return keys;
    }

    private static String text(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
