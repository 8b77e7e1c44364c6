package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;

/** A code archive version was stored for the service. */
public record CodeUploaded(ServiceId serviceId, ApplicationId applicationId, int version, String sha256, long size) {
}
