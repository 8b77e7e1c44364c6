package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;

/** A service was added to an application. */
public record ServiceAdded(ServiceId serviceId, ApplicationId applicationId, UserId ownerId, String type, String name, String cloud) {
}
