package org.conpaas.kit.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.conpaas.contracts.identity.UserDisabled;
import org.conpaas.contracts.identity.UserSessionEnded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;

import java.io.IOException;

/** Feeds {@link RevokedTokens} from {@code user.session-ended} and {@code user.disabled} as they cross the broker. */
final class TokenRevocationListener implements MessageListener {

    static final String SESSION_ENDED = "user.session-ended";
    static final String USER_DISABLED = "user.disabled";
    private static final Logger log = LoggerFactory.getLogger(TokenRevocationListener.class);

    private final ObjectMapper json;
    private final RevokedTokens revoked;

    TokenRevocationListener(ObjectMapper json, RevokedTokens revoked) {
        this.json = json;
        this.revoked = revoked;
    }

    @Override
    public void onMessage(Message message) {
        String type = message.getMessageProperties().getReceivedRoutingKey();
        try {
            if (SESSION_ENDED.equals(type)) {
                UserSessionEnded ended = json.readValue(message.getBody(), UserSessionEnded.class);
                revoked.sessionEnded(ended.sessionId(), ended.header().occurredAt());
            } else if (USER_DISABLED.equals(type)) {
                UserDisabled disabled = json.readValue(message.getBody(), UserDisabled.class);
                revoked.userDisabled(disabled.userId().value(), disabled.header().occurredAt());
            }
        } catch (IOException | RuntimeException unreadable) {
            log.warn("a {} event cannot be read; its revocation is not applied: {}", type, unreadable.getMessage());
        }
    }
}
