package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;

import java.util.List;

/** Older code versions were let go to keep the service within its code limits; their archives are deleted. */
public record CodeVersionsPruned(ServiceId serviceId, ApplicationId applicationId, List<Integer> versions, String reason) {
}
