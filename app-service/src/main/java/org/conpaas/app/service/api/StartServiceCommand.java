package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ServiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts a service with this many nodes (the first is its manager), spread over {@code clouds}
 * in turn when given (empty: all on the service's cloud).
 */
public record StartServiceCommand(@TargetAggregateIdentifier ServiceId serviceId, int nodes, java.util.List<String> clouds) {

    public StartServiceCommand {
        clouds = clouds == null ? java.util.List.of() : java.util.List.copyOf(clouds);
    }

    public StartServiceCommand(ServiceId serviceId, int nodes) {
        this(serviceId, nodes, java.util.List.of());
    }
}
