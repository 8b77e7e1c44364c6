package org.conpaas.contracts.service;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;

/** A new version of a service's code archive is stored; its nodes fetch it on their next heartbeat. */
@EventType(value = "service.code-uploaded", version = 1)
public record ServiceCodeUploaded(EventHeader header, ApplicationId applicationId, ServiceId serviceId, int version,
                                  String sha256, long size) implements IntegrationEvent {
}
