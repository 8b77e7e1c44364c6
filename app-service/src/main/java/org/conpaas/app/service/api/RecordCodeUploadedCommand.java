package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ServiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A new code archive for the service is stored. */
public record RecordCodeUploadedCommand(@TargetAggregateIdentifier ServiceId serviceId, int version, String sha256, long size) {
}
