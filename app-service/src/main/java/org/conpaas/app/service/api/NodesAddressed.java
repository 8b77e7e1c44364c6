package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;

import java.util.List;

/** Planned nodes got VPN addresses; provisioning is asked to start them. */
public record NodesAddressed(ServiceId serviceId, ApplicationId applicationId, UserId ownerId, String type, String cloud, List<AddressedNode> nodes) {
}
