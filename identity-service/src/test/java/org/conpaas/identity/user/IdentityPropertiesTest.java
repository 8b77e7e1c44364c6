package org.conpaas.identity.user;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityPropertiesTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
    private final IdentityProperties.Admin admin = new IdentityProperties.Admin("admin", "", "");
    private final IdentityProperties.Token token = new IdentityProperties.Token(Duration.ofMinutes(15), Duration.ofHours(12));

    @Test
    void theDefaultsAreValid() {
        assertThat(validator.validate(new IdentityProperties(admin, 50, 1000, token))).isEmpty();
    }

    @Test
    void refusesADefaultCreditAboveTheMaximum() {
        assertThat(messages(new IdentityProperties(admin, 2000, 1000, token)))
                .containsExactly("conpaas.identity.default-credit must not exceed conpaas.identity.max-credit");
    }

    @Test
    void refusesNonsensicalTokenLifetimesAndAMissingAdminName() {
        var zero = new IdentityProperties.Token(Duration.ZERO, Duration.ofHours(12));
        var inverted = new IdentityProperties.Token(Duration.ofHours(13), Duration.ofHours(12));
        assertThat(messages(new IdentityProperties(admin, 50, 1000, zero))).hasSize(1);
        assertThat(messages(new IdentityProperties(admin, 50, 1000, inverted))).hasSize(1);
        assertThat(messages(new IdentityProperties(new IdentityProperties.Admin(" ", "", ""), 50, 1000, token))).hasSize(1);
        assertThat(messages(new IdentityProperties(admin, -1, 1000, token))).hasSize(1);
    }

    private Set<String> messages(IdentityProperties properties) {
        Set<ConstraintViolation<IdentityProperties>> violations = validator.validate(properties);
        return violations.stream().map(ConstraintViolation::getMessage).collect(java.util.stream.Collectors.toSet());
    }
}
