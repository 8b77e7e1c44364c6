package org.conpaas.provisioning.cloud;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

import java.util.Map;
import java.util.Objects;

/**
 * One node to start: who it is, and the bootstrap it receives (user-data on real clouds,
 * arguments for a local node-agent). {@code tags} mark it as this deployment's, see {@link CloudTags}.
 */
public record NodeLaunch(NodeId nodeId, ServiceId serviceId, ApplicationId applicationId, NodeBootstrap bootstrap,
                         Map<String, String> tags) {
    public NodeLaunch {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(bootstrap, "bootstrap");
        tags = Map.copyOf(tags);
    }
}
