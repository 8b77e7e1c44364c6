package org.conpaas.contracts.api.application;

import java.time.Instant;

/**
 * An application as the API shows it; {@code state} is ACTIVE, or DELETING while its services are
 * being stopped and removed before it goes.
 */
public record ApplicationView(String id, String name, String ownerId, String state, Instant createdAt, Instant updatedAt) {

    public boolean deleting() {
        return "DELETING".equals(state);
    }
}
