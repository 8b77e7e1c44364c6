package org.conpaas.identity.token;

import org.conpaas.kit.security.ResourceServerConfiguration;
import org.conpaas.kit.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** identity-service checks tokens with its own key instead of fetching its own JWKS over HTTP. */
@Configuration
class TokenConfiguration {

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, SecurityProperties security) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(keys.publicKey()).build();
        decoder.setJwtValidator(ResourceServerConfiguration.tokenValidator(security.issuer()));
        return decoder;
    }
}
