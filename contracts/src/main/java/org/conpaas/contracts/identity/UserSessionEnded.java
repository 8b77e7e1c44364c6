package org.conpaas.contracts.identity;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.UserId;

/**
 * A login session (one refresh-token family, the {@code sid} claim of its access tokens) has
 * ended: every access token of it issued up to {@code header.occurredAt} is to be refused from
 * now on. {@code reason} is {@code logged-out} or {@code refresh-token-reused}.
 */
@EventType(value = "user.session-ended", version = 1)
public record UserSessionEnded(EventHeader header, UserId userId, String sessionId, String reason) implements IntegrationEvent {
}
