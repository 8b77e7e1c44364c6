package org.conpaas.identity.throttle;

/** Logins for a username or from an address are refused for a while (published as user.login-throttled). */
public record LoginThrottled(String username, String clientAddress, String throttledBy, int failures, long retryAfterSeconds) {
}
