package org.conpaas.provisioning.node;

import org.conpaas.contracts.id.NodeId;
import org.conpaas.kit.security.CurrentNode;
import org.conpaas.kit.web.ApiException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /api/nodes/{id}/heartbeat: a node agent reports in over mutual TLS with its node
 * certificate; a node may only report for itself.
 */
@RestController
class HeartbeatController {

    private final Heartbeats heartbeats;

    HeartbeatController(Heartbeats heartbeats) {
        this.heartbeats = heartbeats;
    }

    @PostMapping("/api/nodes/{id}/heartbeat")
    Heartbeats.Answer heartbeat(@PathVariable String id, @RequestBody(required = false) Heartbeats.Report report, CurrentNode node) {
        if (!node.nodeId().value().equals(id)) {
            throw ApiException.forbidden("a node may only report for itself (its certificate names " + node.nodeId() + ")");
        }
        return heartbeats.record(NodeId.of(id), report);
    }
}
