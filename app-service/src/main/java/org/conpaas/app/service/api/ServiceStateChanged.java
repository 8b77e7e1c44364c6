package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;

/** The service moved from one lifecycle state to another, and why. */
public record ServiceStateChanged(ServiceId serviceId, ApplicationId applicationId, String from, String to, String reason) {
}
