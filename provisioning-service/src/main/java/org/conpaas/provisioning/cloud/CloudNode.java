package org.conpaas.provisioning.cloud;

import java.util.Map;
import java.util.Objects;

/** A node as a cloud describes it: its id there, state, address (if any yet) and our tags. */
public record CloudNode(String instanceId, CloudNodeState state, String address, Map<String, String> tags) {
    public CloudNode {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(state, "state");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** The ConPaaS node id the node was tagged with, or null when it carries none. */
    public String nodeId() {
        return tags.get(CloudTags.NODE);
    }
}
