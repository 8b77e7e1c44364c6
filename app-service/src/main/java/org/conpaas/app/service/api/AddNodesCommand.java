package org.conpaas.app.service.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ServiceId;

import java.util.List;

/**
 * Grows a running service, the new nodes spread over {@code clouds} in turn when given; for the
 * web hosting types {@code webRole} (proxy, web or backend; null: backend) says what they do.
 * {@code reason} goes to the history (null: asked by a user).
 */
public record AddNodesCommand(@TargetAggregateIdentifier ServiceId serviceId, int count, List<String> clouds, String webRole,
                              String reason) {

    public AddNodesCommand {
        clouds = clouds == null ? List.of() : List.copyOf(clouds);
    }

    public AddNodesCommand(ServiceId serviceId, int count, List<String> clouds) {
        this(serviceId, count, clouds, null, null);
    }

    public AddNodesCommand(ServiceId serviceId, int count) {
        this(serviceId, count, List.of());
    }
}
