package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ServiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Removes a service. One that holds no node goes at once; one that runs is stopped first and
 * removed when its last node is gone ({@code cascade}), or refused ({@code cascade} false).
 */
public record RemoveServiceCommand(@TargetAggregateIdentifier ServiceId serviceId, boolean cascade, String reason) {
}
