package org.conpaas.provisioning.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.conpaas.provisioning.database.DatabaseBindings;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The heartbeat's web hosting part: what a php or java node reports is kept, and its answer says
 * which release to run (a node that was told nothing yet gets the release the service's nodes
 * converge to), with its environment (the release's, and the CONPAAS_MYSQL_* variables of its
 * bindings) and health path, and what the proxies balance over.
 */
@Component
public class WebHosting {

    /** The answer's web hosting fields (all absent for other types). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(Integer release, Integer codeVersion, Map<String, String> environment, String healthPath, String membersHash,
                         List<ProxyMembers.Member> backends, List<ProxyMembers.Member> webs, ProxyMembers.Endpoint sessions) {

        @Override
        public String toString() {
            return "WebHosting.Answer[release " + release + ", members " + membersHash + "]";
        }
    }

    private final WebNodes nodes;
    private final ServiceReleases releases;
    private final RolloutStates rollouts;
    private final DatabaseBindings bindings;

    WebHosting(WebNodes nodes, ServiceReleases releases, RolloutStates rollouts, DatabaseBindings bindings) {
        this.bindings = bindings;
        this.nodes = nodes;
        this.releases = releases;
        this.rollouts = rollouts;
    }

    public void report(String nodeId, WebReport report) {
        nodes.report(nodeId, report.clipped());
    }

    /** The node's address on its cloud, as the proxies are to reach it (kept once known). */
    public void host(String nodeId, String host) {
        nodes.host(nodeId, host);
    }

    /** Empty for a node without web roles. */
    public Optional<Answer> answer(String nodeId, String serviceId) {
        Optional<WebNode> found = nodes.find(nodeId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Integer assigned = found.get().assignedRelease();
        if (assigned == null) {
            int converging = rollouts.convergingRelease(serviceId);
            if (converging > 0 && !bindingsReady(serviceId, converging)) {
                // a new node waits for the binding's account rather than starting without its database
                int stable = rollouts.of(serviceId).stable();
                converging = stable > 0 && stable != converging && bindingsReady(serviceId, stable) ? stable : 0;
            }
            if (converging > 0 && nodes.assignIfNone(nodeId, converging)) {
                assigned = converging;
            } else {
                assigned = nodes.find(nodeId).map(WebNode::assignedRelease).orElse(null);
            }
        }
        ProxyMembers members = ProxyMembers.of(nodes.runningOf(serviceId));
        Optional<WebRelease> release = assigned == null ? Optional.empty() : releases.find(serviceId, assigned);
        return Optional.of(new Answer(release.map(WebRelease::release).orElse(null),
                release.map(WebRelease::codeVersion).filter(v -> v > 0).orElse(null),
                release.map(r -> environment(serviceId, nodeId, r)).orElse(Map.of()), release.map(WebRelease::healthPath).orElse("/"),
                members.hash(), members.backends(), members.webs(), members.sessions()));
    }

    private boolean bindingsReady(String serviceId, int release) {
        return releases.find(serviceId, release).map(r -> r.bindings().isEmpty() || bindings.notReady(serviceId, r.bindings()) == null)
                .orElse(true);
    }

    private Map<String, String> environment(String serviceId, String nodeId, WebRelease release) {
        if (release.bindings().isEmpty()) {
            return release.environment();
        }
        Map<String, String> environment = new LinkedHashMap<>(release.environment());
        environment.putAll(bindings.environment(serviceId, nodeId, release.bindings()));
        return environment;
    }

    /** A generic or web node's release: its number and environment (its code version is the answer's own); empty before any release. */
    public Optional<Answer> releaseOf(String serviceId) {
        return releases.latest(serviceId).map(r -> new Answer(r.release(), null, r.environment(), null, null, null, null, null));
    }
}
