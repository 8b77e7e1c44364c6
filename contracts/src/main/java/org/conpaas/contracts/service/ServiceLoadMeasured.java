package org.conpaas.contracts.service;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;

/**
 * What a php or java service's proxies measured over their last 30 s: the 95th percentile of the
 * response time ({@code p95Ms}, null when no request came), the requests per second, and how many
 * backends run. provisioning-service publishes it every few seconds; app-service's autoscaler acts on it.
 */
@EventType(value = "service.load-measured", version = 1)
public record ServiceLoadMeasured(EventHeader header, ApplicationId applicationId, ServiceId serviceId, Double p95Ms,
                                  double requestRate, int backends) implements IntegrationEvent {
}
