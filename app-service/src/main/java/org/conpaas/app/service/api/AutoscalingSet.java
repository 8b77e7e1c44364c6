package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;

/**
 * A php or java service's autoscaling: on, it keeps its proxies' p95 response time near
 * {@code targetResponseMs} with {@code min} to {@code max} backends; off, it scales only when asked.
 */
public record AutoscalingSet(ServiceId serviceId, ApplicationId applicationId, boolean on, int targetResponseMs, int min, int max) {
}
