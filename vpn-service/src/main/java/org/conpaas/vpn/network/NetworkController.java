package org.conpaas.vpn.network;

import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The owner (or an administrator) looks at an application's network. */
@RestController
class NetworkController {

    private final NetworkQueries queries;

    NetworkController(NetworkQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/apps/{applicationId}/network")
    NetworkView network(@PathVariable String applicationId, CurrentUser caller) {
        return queries.find(applicationId)
                .filter(n -> caller.mayActFor(UserId.of(n.ownerId())))
                .map(NetworkQueries.OwnedNetwork::view)
                .orElseThrow(() -> ApiException.notFound("no network for application " + applicationId
                        + " of yours (it is allocated moments after the application is created)"));
    }
}
