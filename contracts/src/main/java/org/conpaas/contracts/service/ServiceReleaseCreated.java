package org.conpaas.contracts.service;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;

import java.util.List;
import java.util.Map;

/**
 * What a service's nodes are to run from now on: release {@code release} is code version
 * {@code codeVersion} with {@code environment} (values in clear: the nodes need them; never logged)
 * and, for web hosting, the path its backends' health check requests and the mysql services it is
 * bound to ({@code bindings}; absent in events of before bindings: none). A new release comes with every
 * upload, enable, environment change, health-path change, bind and unbind; provisioning-service rolls it out.
 */
@EventType(value = "service.release-created", version = 2, alsoReads = 1)
public record ServiceReleaseCreated(EventHeader header, ApplicationId applicationId, ServiceId serviceId, String serviceType,
                                    int release, int codeVersion, Map<String, String> environment, String healthPath,
                                    List<ServiceBinding> bindings)
        implements IntegrationEvent {

    public ServiceReleaseCreated {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        bindings = bindings == null ? List.of() : List.copyOf(bindings);
    }

    @Override
    public String toString() {
        // values may be secrets: never in a log line
        return "ServiceReleaseCreated[" + serviceId + " release " + release + ", code version " + codeVersion + ", "
                + environment.size() + " variable(s), health " + healthPath + ", " + bindings.size() + " binding(s)]";
    }
}
