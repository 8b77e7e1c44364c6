package org.conpaas.kit.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Makes a service under test trust {@link TestTokens#ISSUER}: {@code @Import(TestTokenDecoder.class)}. */
@TestConfiguration
public class TestTokenDecoder {

    @Bean
    JwtDecoder testTokenDecoder() {
        return TestTokens.ISSUER.decoder();
    }
}
