package org.conpaas.app.service.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ServiceId;

import java.util.List;
import java.util.Map;

/**
 * Sets and removes environment variables of the service's code, as one new release; names in
 * {@code secret} are set as secrets (never shown back in full).
 */
public record ChangeEnvironmentCommand(@TargetAggregateIdentifier ServiceId serviceId, Map<String, String> set, List<String> secret,
                                       List<String> unset) {

    public ChangeEnvironmentCommand {
        set = set == null ? Map.of() : Map.copyOf(set);
        secret = secret == null ? List.of() : List.copyOf(secret);
        unset = unset == null ? List.of() : List.copyOf(unset);
    }

    @Override
    public String toString() {
        return "ChangeEnvironmentCommand[" + serviceId + " set " + set.keySet() + " unset " + unset + "]";
    }
}
