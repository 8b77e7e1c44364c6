package org.conpaas.gateway.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a token's signature once and remembers the verified token by its exact text: a client
 * sends the same access token with every call, and an RS256 verification costs close to a
 * millisecond of CPU on the nutshell's C1-only JVMs, over a quarter of what the gateway spent per
 * request. The claims of a remembered token are validated again on every use (expiry, issuer,
 * audience), so an expired token is refused as before; a token that differs from a remembered
 * one in any character (another signature, altered claims) is not found and is verified in full.
 * A token is remembered for {@link #KEEP} at most (then verified again, against the keys the
 * verifier holds then) and for {@link #MAX_TOKENS} tokens at most.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    static final Duration KEEP = Duration.ofMinutes(5);
    static final int MAX_TOKENS = 1024;
    // the same wording as NimbusReactiveJwtDecoder's, which TokenSecurity.refuse reads
    private static final String INVALID = "An error occurred while attempting to decode the Jwt: %s";

    private record Verified(Jwt jwt, Instant forgetAt) {
    }

    private final ReactiveJwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    /**
     * @param verifier  checks signature and claims (a token it accepts is remembered)
     * @param validator the claims checks the verifier makes, repeated on every use of a remembered token
     */
    VerifiedTokenCache(ReactiveJwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, Clock clock) {
        this.verifier = verifier;
        this.validator = validator;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null && now.isBefore(known.forgetAt())) {
            return revalidate(known.jwt());
        }
        return verifier.decode(token).doOnNext(jwt -> remember(token, jwt, now));
    }

    private Mono<Jwt> revalidate(Jwt jwt) {
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (!result.hasErrors()) {
            return Mono.just(jwt);
        }
        String reason = result.getErrors().stream().map(OAuth2Error::getDescription).filter(StringUtils::hasLength)
                .findFirst().map(d -> INVALID.formatted(d)).orElse("Unable to validate Jwt");
        return Mono.error(new JwtValidationException(reason, result.getErrors()));
    }

    private void remember(String token, Jwt jwt, Instant now) {
        if (verified.size() >= MAX_TOKENS) {
            verified.values().removeIf(v -> !now.isBefore(v.forgetAt()));
            if (verified.size() >= MAX_TOKENS) {
                verified.clear(); // many tokens in use at once: start over rather than track their age
            }
        }
        verified.put(token, new Verified(jwt, now.plus(KEEP)));
    }

    int size() {
        return verified.size();
    }
}
