package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;

/** A service was removed. */
public record ServiceRemoved(ServiceId serviceId, ApplicationId applicationId) {
}
