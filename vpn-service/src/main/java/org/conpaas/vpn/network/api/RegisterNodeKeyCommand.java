package org.conpaas.vpn.network.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.vpn.network.WireGuardKey;

/** A node tells its WireGuard public key and where peers reach it ({@code host:port}, optional). */
public record RegisterNodeKeyCommand(@TargetAggregateIdentifier ApplicationId applicationId, NodeId nodeId,
                                     WireGuardKey publicKey, String endpoint) {
}
