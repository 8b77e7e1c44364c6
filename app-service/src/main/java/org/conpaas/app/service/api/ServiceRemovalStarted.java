package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;

/** A running service is to be removed: it stops, and is removed once no node of it is left. */
public record ServiceRemovalStarted(ServiceId serviceId, ApplicationId applicationId, String reason) {
}
