package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;

import java.util.List;

/** New nodes were planned (start, growth or replacement); their addresses are asked for. */
public record NodesPlanned(ServiceId serviceId, ApplicationId applicationId, List<PlannedNode> nodes) {
}
