package org.conpaas.identity.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.conpaas.kit.security.ResourceServerConfiguration;
import org.conpaas.kit.security.RevokedTokens;
import org.conpaas.kit.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * identity-service checks tokens with its own keys (the signing one and the retired ones still in
 * the JWKS) instead of fetching its own JWKS over HTTP,
 * and refuses revoked tokens like every service.
 */
@Configuration
class TokenConfiguration {

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, SecurityProperties security, RevokedTokens revoked) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                (selector, context) -> selector.select(keys.verificationKeys())));
        // the claims are checked by the validator below (clock skew, messages), as NimbusJwtDecoder's builders do
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(ResourceServerConfiguration.tokenValidator(security.issuer(), revoked));
        return decoder;
    }
}
