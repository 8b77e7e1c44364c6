package org.conpaas.app.service.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;

/** provisioning-service reports the end of a release's rollout. */
public record RecordRolloutEndedCommand(@TargetAggregateIdentifier ServiceId serviceId, int release, boolean rolledOut, NodeId nodeId,
                                        String reason) {
}
