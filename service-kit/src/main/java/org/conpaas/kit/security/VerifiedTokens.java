package org.conpaas.kit.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Duration;
import java.util.stream.Collectors;

/**
 * A service's token check that verifies a token's signature once and then knows it by its exact
 * text: a client sends the same access token with every call, and the RS256 verification was
 * about a third of app-service's CPU per request. The claims of a known token (expiry, issuer,
 * audience, and revocation: {@link RevokedTokens}) are validated again on every use, so an expired
 * or revoked token is refused at once; a token
 * that differs in any character is unknown and verified in full. Tokens are known for
 * {@link #KEEP} at most (then verified again against the keys held then), {@link #MAX_TOKENS}
 * of them at most.
 */
public final class VerifiedTokens implements JwtDecoder {

    static final Duration KEEP = Duration.ofMinutes(5);
    static final int MAX_TOKENS = 1024;

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> known = Caffeine.newBuilder().expireAfterWrite(KEEP).maximumSize(MAX_TOKENS).build();

    /**
     * @param verifier  checks the signature and the claims; a token it accepts becomes known
     * @param validator the claims checks the verifier makes, repeated on every use of a known token
     */
    public VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator) {
        this.verifier = verifier;
        this.validator = validator;
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt = known.getIfPresent(token);
        if (jwt == null) {
            jwt = verifier.decode(token);
            known.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            known.invalidate(token);
            throw new JwtValidationException(result.getErrors().stream().map(OAuth2Error::getDescription)
                    .collect(Collectors.joining("; ")), result.getErrors());
        }
        return jwt;
    }
}
