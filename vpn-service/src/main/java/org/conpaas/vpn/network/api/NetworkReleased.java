package org.conpaas.vpn.network.api;

import org.conpaas.contracts.id.ApplicationId;

public record NetworkReleased(ApplicationId applicationId) {
}
