package org.conpaas.contracts.api.application;

import java.time.Instant;

/** An application as the API shows it. */
public record ApplicationView(String id, String name, String ownerId, Instant createdAt, Instant updatedAt) {
}
