package org.conpaas.provisioning.node;

import org.conpaas.contracts.id.NodeId;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** GET /api/nodes: a user's own nodes (an administrator sees all), with state, cloud, addresses, last heartbeat and log tail. */
@RestController
@RequestMapping("/api/nodes")
class NodeController {

    private final NodeQueries queries;

    NodeController(NodeQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    List<NodeView> list(CurrentUser caller) {
        return caller.isAdmin() ? queries.all() : queries.ownedBy(caller.id());
    }

    @GetMapping("/{id}")
    NodeView show(@PathVariable String id, CurrentUser caller) {
        return queries.find(NodeId.of(id)).filter(n -> caller.mayActFor(org.conpaas.contracts.id.UserId.of(n.ownerId())))
                .orElseThrow(() -> ApiException.notFound("no node " + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + " of yours"));
    }
}
