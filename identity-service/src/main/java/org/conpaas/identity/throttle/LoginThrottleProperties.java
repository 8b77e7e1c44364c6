package org.conpaas.identity.throttle;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * How failed logins are throttled.
 *
 * @param maxFailuresPerUsername failures for one username (within the window) before its logins are refused
 * @param maxFailuresPerAddress  failures from one client address before its logins are refused
 * @param window                 a key's failures are forgotten this long after its last one; also the longest refusal
 * @param firstDelay             how long the first refusal lasts; each failure after it doubles it, up to the window
 * @param trustedProxies         addresses or CIDR networks whose X-Forwarded-For is believed (the gateway's): the client is its last entry
 */
@Validated
@ConfigurationProperties("conpaas.identity.login-throttle")
public record LoginThrottleProperties(@DefaultValue("5") @Min(1) int maxFailuresPerUsername,
                                      @DefaultValue("20") @Min(1) int maxFailuresPerAddress,
                                      @DefaultValue("15m") @NotNull Duration window,
                                      @DefaultValue("30s") @NotNull Duration firstDelay,
                                      @DefaultValue({"127.0.0.1", "0:0:0:0:0:0:0:1"}) List<String> trustedProxies) {

    @AssertTrue(message = "conpaas.identity.login-throttle: first-delay and window must be positive, first-delay at most window")
    public boolean isSensible() {
        return window == null || firstDelay == null
                || !firstDelay.isNegative() && !firstDelay.isZero() && firstDelay.compareTo(window) <= 0;
    }

    /** The refusal after {@code failures} failures of a key allowed {@code max}: doubling from the first delay, at most the window. */
    Duration delayAfter(int failures, int max) {
        int doublings = Math.min(failures - max, 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(window) > 0 ? window : delay;
    }
}
