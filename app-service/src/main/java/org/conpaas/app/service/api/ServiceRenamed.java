package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;

/** A service got another name. */
public record ServiceRenamed(ServiceId serviceId, ApplicationId applicationId, String name) {
}
