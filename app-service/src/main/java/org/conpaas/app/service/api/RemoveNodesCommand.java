package org.conpaas.app.service.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ServiceId;

/**
 * Shrinks a running service, newest agents first (of web role {@code webRole} when given); the
 * manager stays. {@code reason} goes to the history (null: asked by a user).
 */
public record RemoveNodesCommand(@TargetAggregateIdentifier ServiceId serviceId, int count, String webRole, String reason) {

    public RemoveNodesCommand(ServiceId serviceId, int count) {
        this(serviceId, count, null, null);
    }
}
