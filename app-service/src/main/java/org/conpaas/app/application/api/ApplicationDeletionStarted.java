package org.conpaas.app.application.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.UserId;

/** The application is being deleted: its services stop and are removed, then it is deleted. */
public record ApplicationDeletionStarted(ApplicationId applicationId, UserId ownerId, String name, String reason) {
}
