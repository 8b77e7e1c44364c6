package org.conpaas.identity.sso;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SsoPropertiesTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
    private static final List<SsoProperties.Provider> CONTRAIL = List.of(new SsoProperties.Provider("contrail", "Contrail IdP"));

    @Test
    void offNeedsNothing() {
        assertThat(validator.validate(of(false, "", "", "", List.of()))).isEmpty();
    }

    @Test
    void onNeedsTheRealmTheClientAndAProvider() {
        assertThat(validator.validate(of(true, "https://sso.example.org/realms/conpaas/", "conpaas-identity", "s", CONTRAIL))).isEmpty();
        assertThat(messages(of(true, "", "conpaas-identity", "s", CONTRAIL))).contains("conpaas.sso.issuer-uri");
        assertThat(messages(of(true, "https://sso", "conpaas-identity", "", CONTRAIL))).contains("client-secret");
        assertThat(messages(of(true, "https://sso", "conpaas-identity", "s", List.of()))).contains("providers");
        assertThat(messages(of(true, "https://sso", "c", "s", List.of(new SsoProperties.Provider("bad alias!", "x"))))).isNotBlank();
    }

    @Test
    void theIssuerLosesATrailingSlashAndProvidersAreFoundById() {
        SsoProperties p = of(true, "https://sso.example.org/realms/conpaas/", "c", "s", CONTRAIL);
        assertThat(p.issuer()).isEqualTo("https://sso.example.org/realms/conpaas");
        assertThat(p.provider("contrail")).isPresent();
        assertThat(p.provider("other")).isEmpty();
    }

    private static SsoProperties of(boolean enabled, String issuer, String client, String secret, List<SsoProperties.Provider> providers) {
        return new SsoProperties(enabled, issuer, client, secret, providers, Duration.ofSeconds(30), Duration.ofMinutes(10),
                Duration.ofSeconds(60), true);
    }

    private String messages(SsoProperties properties) {
        return validator.validate(properties).stream().map(ConstraintViolation::getMessage).collect(Collectors.joining("; "));
    }
}
