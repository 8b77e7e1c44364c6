package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.service.ServiceBinding;

import java.util.List;
import java.util.Map;

/**
 * What the service's nodes run from now on: release {@code release} is code version
 * {@code codeVersion} (0: none uploaded yet) with {@code environment} ({@code secretNames} are
 * never shown back), the backends' {@code healthPath} and the mysql services it is bound to; {@code cause} says what made it
 * ("code version 3 uploaded", "code version 2 enabled", "environment: set GREETING").
 */
public record ReleaseCreated(ServiceId serviceId, ApplicationId applicationId, String serviceType, int release, int codeVersion,
                             Map<String, String> environment, List<String> secretNames, String healthPath, String cause,
                             List<ServiceBinding> bindings) {

    public ReleaseCreated {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        secretNames = secretNames == null ? List.of() : List.copyOf(secretNames);
        bindings = bindings == null ? List.of() : List.copyOf(bindings);
    }

    @Override
    public String toString() {
        return "ReleaseCreated[" + serviceId + " release " + release + ": " + cause + "]";
    }
}
