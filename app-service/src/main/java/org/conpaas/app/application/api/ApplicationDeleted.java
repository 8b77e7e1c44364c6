package org.conpaas.app.application.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.UserId;

public record ApplicationDeleted(ApplicationId applicationId, UserId ownerId, String name) {
}
