package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ServiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;

/** A start, scaling or stop took longer than allowed. */
public record TimeOutServiceCommand(@TargetAggregateIdentifier ServiceId serviceId, Duration allowed) {
}
