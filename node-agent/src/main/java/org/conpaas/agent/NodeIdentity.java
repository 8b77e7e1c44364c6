package org.conpaas.agent;

import java.util.Optional;

/**
 * Who this node is: the ids its enrollment token is bound to, its role (the certificate's OU)
 * and its VPN address, if it has one.
 */
record NodeIdentity(String nodeId, String serviceId, String applicationId, String role, Optional<String> vpnAddress) {
}
