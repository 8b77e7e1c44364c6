package org.conpaas.app.service.api;

import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.service.ServiceBinding;

import java.util.List;
import java.util.Map;

/**
 * Release {@code release} reached every node ({@code rolledOut}), or was stopped at {@code nodeId}
 * for {@code reason}; the rest is what the nodes run now (the stopped release's content gives way to
 * the last release that rolled out).
 */
public record RolloutEnded(ServiceId serviceId, int release, boolean rolledOut, NodeId nodeId, String reason, int codeVersion,
                           Map<String, String> environment, List<String> secretNames, String healthPath,
                           List<ServiceBinding> bindings) {

    public RolloutEnded {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        secretNames = secretNames == null ? List.of() : List.copyOf(secretNames);
        bindings = bindings == null ? List.of() : List.copyOf(bindings);
    }

    @Override
    public String toString() {
        return "RolloutEnded[" + serviceId + " release " + release + (rolledOut ? " rolled out" : " stopped: " + reason) + "]";
    }
}
