package org.conpaas.identity.token;

import org.conpaas.kit.security.ResourceServerConfiguration;
import org.conpaas.kit.security.RevokedTokens;
import org.conpaas.kit.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** identity-service checks tokens with its own key instead of fetching its own JWKS over HTTP, and refuses revoked ones like every service. */
@Configuration
class TokenConfiguration {

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, SecurityProperties security, RevokedTokens revoked) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(keys.publicKey()).build();
        decoder.setJwtValidator(ResourceServerConfiguration.tokenValidator(security.issuer(), revoked));
        return decoder;
    }
}
