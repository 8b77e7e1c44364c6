package org.conpaas.provisioning.node.api;

import org.conpaas.contracts.id.NodeId;

/** The node enrolled (ENROLLED). */
public record NodeEnrolled(NodeId nodeId, String certificateSerial) {
}
