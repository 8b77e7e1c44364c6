package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ServiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Grows a running service, the new nodes spread over {@code clouds} in turn when given. */
public record AddNodesCommand(@TargetAggregateIdentifier ServiceId serviceId, int count, java.util.List<String> clouds) {

    public AddNodesCommand {
        clouds = clouds == null ? java.util.List.of() : java.util.List.copyOf(clouds);
    }

    public AddNodesCommand(ServiceId serviceId, int count) {
        this(serviceId, count, java.util.List.of());
    }
}
