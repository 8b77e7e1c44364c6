package org.conpaas.app.service.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ServiceId;

/** Turns autoscaling on ({@code targetResponseMs}, between {@code min} and {@code max} backends) or off ({@code on} false). */
public record SetAutoscalingCommand(@TargetAggregateIdentifier ServiceId serviceId, boolean on, int targetResponseMs, int min, int max) {
}
