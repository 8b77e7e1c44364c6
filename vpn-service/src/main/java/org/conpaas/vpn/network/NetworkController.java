package org.conpaas.vpn.network;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.security.CurrentNode;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.security.CurrentUserArgumentResolver;
import org.conpaas.kit.web.ApiException;
import org.conpaas.vpn.network.api.RegisterNodeKeyCommand;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application's network for its owner (or an administrator), and each node's WireGuard
 * configuration. A node calls the WireGuard endpoints for itself with its node certificate; the
 * application's owner (or an administrator) may call them for any node of the application.
 */
@RestController
class NetworkController {

    static final int WIREGUARD_PORT = 51820;
    private static final String NODE = "/api/apps/{applicationId}/services/{serviceId}/nodes/{nodeId}/wireguard";

    record NodeKeyRequest(String publicKey, String endpoint) {
    }

    private final NetworkQueries queries;
    private final CommandGateway commands;

    NetworkController(NetworkQueries queries, CommandGateway commands) {
        this.queries = queries;
        this.commands = commands;
    }

    @GetMapping("/api/apps/{applicationId}/network")
    NetworkView network(@PathVariable String applicationId, CurrentUser caller) {
        return visible(applicationId, caller).view();
    }

    @PutMapping(NODE)
    ResponseEntity<Void> registerKey(@PathVariable String applicationId, @PathVariable String serviceId,
                                     @PathVariable String nodeId, @RequestBody NodeKeyRequest request, Authentication caller) {
        allowed(applicationId, serviceId, nodeId, caller);
        if (request == null) {
            throw ApiException.invalid("send {\"publicKey\":\"<wg pubkey>\",\"endpoint\":\"host:port\"}");
        }
        WireGuardKey key = WireGuardKey.of(request.publicKey());
        queries.wireGuardConfig(applicationId, serviceId, nodeId, WIREGUARD_PORT)
                .orElseThrow(() -> ApiException.notFound("node " + nodeId + " has no address in service " + serviceId));
        commands.sendAndWait(new RegisterNodeKeyCommand(ApplicationId.of(applicationId), NodeId.of(nodeId), key,
                Endpoint.check(request.endpoint())));
        return ResponseEntity.noContent().build();
    }

    @GetMapping(value = NODE, produces = MediaType.TEXT_PLAIN_VALUE)
    String wireGuardConfig(@PathVariable String applicationId, @PathVariable String serviceId,
                           @PathVariable String nodeId, Authentication caller) {
        allowed(applicationId, serviceId, nodeId, caller);
        return queries.wireGuardConfig(applicationId, serviceId, nodeId, WIREGUARD_PORT)
                .orElseThrow(() -> ApiException.notFound("node " + nodeId + " has no address in service " + serviceId))
                .render();
    }

    /** The node itself (by its node certificate), or the application's owner or an administrator. */
    private void allowed(String applicationId, String serviceId, String nodeId, Authentication caller) {
        if (caller != null && caller.getPrincipal() instanceof CurrentNode node) {
            if (!node.nodeId().value().equals(nodeId) || !node.serviceId().value().equals(serviceId)
                    || !node.applicationId().value().equals(applicationId)) {
                throw ApiException.forbidden("a node may only register its own key and read its own configuration");
            }
            return;
        }
        visible(applicationId, CurrentUserArgumentResolver.of(caller));
    }

    private NetworkQueries.OwnedNetwork visible(String applicationId, CurrentUser caller) {
        return queries.find(applicationId)
                .filter(n -> caller.mayActFor(UserId.of(n.ownerId())))
                .orElseThrow(() -> ApiException.notFound("no network for application " + applicationId
                        + " of yours (it is allocated moments after the application is created)"));
    }
}
