package org.conpaas.contracts.identity;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;

/**
 * Too many failed logins: logins for {@code username} (when {@code throttledBy} is
 * {@code username}) or from {@code clientAddress} ({@code address}) are refused for
 * {@code retryAfterSeconds}. {@code username} is what was typed, whether or not such a user exists.
 */
@EventType(value = "user.login-throttled", version = 1)
public record UserLoginThrottled(EventHeader header, String username, String clientAddress, String throttledBy,
                                 int failures, long retryAfterSeconds) implements IntegrationEvent {
}
