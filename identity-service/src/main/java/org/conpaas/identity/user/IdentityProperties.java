package org.conpaas.identity.user;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * identity-service settings.
 *
 * @param admin         the administrator created on first start
 * @param defaultCredit credit a new user starts with (1 credit = 1 node-hour)
 * @param maxCredit     the most credit a user may hold (ConPaaS 1.x MAX_CREDIT)
 * @param token         lifetimes of access and refresh tokens
 */
@Validated
@ConfigurationProperties("conpaas.identity")
public record IdentityProperties(@Valid @DefaultValue Admin admin,
                                 @DefaultValue("50") @Min(0) long defaultCredit,
                                 @DefaultValue("1000") @Min(1) long maxCredit,
                                 @Valid @DefaultValue Token token) {

    /** A new user's credit must fit under the cap (checked at start, so a bad setting fails fast). */
    @AssertTrue(message = "conpaas.identity.default-credit must not exceed conpaas.identity.max-credit")
    public boolean isDefaultCreditWithinMax() {
        return defaultCredit <= maxCredit;
    }

    /** @param passwordFile where a generated password is written (0600); empty: nowhere */
    public record Admin(@DefaultValue("admin") @NotBlank String username, @DefaultValue("") String password,
                        @DefaultValue("") String passwordFile) {
    }

    public record Token(@DefaultValue("15m") @NotNull Duration accessTtl, @DefaultValue("12h") @NotNull Duration refreshTtl) {

        @AssertTrue(message = "token lifetimes must be positive and access-ttl at most refresh-ttl")
        public boolean isSensible() {
            return accessTtl == null || refreshTtl == null
                    || positive(accessTtl) && positive(refreshTtl) && accessTtl.compareTo(refreshTtl) <= 0;
        }

        private static boolean positive(Duration d) {
            return !d.isNegative() && !d.isZero();
        }
    }
}
