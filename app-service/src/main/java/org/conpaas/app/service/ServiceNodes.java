package org.conpaas.app.service;

import org.conpaas.app.service.api.PlannedNode;
import org.conpaas.contracts.id.NodeId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes a service has asked for and where each stands: planned (waiting for an address),
 * addressed (asked of provisioning), running, releasing, and the end states failed/terminated.
 * Kept in order of planning, so the newest agents are removed first and the manager last.
 */
final class ServiceNodes {

    enum Stage { PLANNED, ADDRESSED, RUNNING, RELEASING, FAILED, TERMINATED }

    static final String MANAGER = "manager";
    static final String AGENT = "agent";

    private final Map<NodeId, String> roles = new LinkedHashMap<>();
    private final Map<NodeId, Stage> stages = new LinkedHashMap<>();
    private final Map<NodeId, String> clouds = new LinkedHashMap<>();
    private final Map<NodeId, List<String>> webRoles = new LinkedHashMap<>();

    /** {@code count} new nodes, on {@code spread}'s clouds in turn (empty: the service's cloud). */
    List<PlannedNode> plan(int count, List<String> spread) {
        return plan(count, spread, null);
    }

    /**
     * {@code count} new nodes, on {@code spread}'s clouds in turn (empty: the service's cloud); with
     * {@code webRole} (a web hosting service) the new nodes hold that role, and a new manager all of them.
     */
    List<PlannedNode> plan(int count, List<String> spread, String webRole) {
        List<PlannedNode> planned = new ArrayList<>();
        boolean needsManager = active().stream().noneMatch(id -> MANAGER.equals(roles.get(id)));
        for (int i = 0; i < count; i++) {
            String cloud = spread.isEmpty() ? null : spread.get(i % spread.size());
            boolean manager = needsManager && i == 0;
            List<String> web = webRole == null ? List.of() : manager ? WebRoles.ALL : List.of(webRole);
            planned.add(new PlannedNode(NodeId.random(), manager ? MANAGER : AGENT, cloud, web));
        }
        return planned;
    }

    /** The web roles of a node (empty for the types without them). */
    List<String> webRolesOf(NodeId node) {
        return webRoles.getOrDefault(node, List.of());
    }

    void planned(PlannedNode node) {
        roles.put(node.nodeId(), node.role());
        webRoles.put(node.nodeId(), node.webRoles());
        stages.put(node.nodeId(), Stage.PLANNED);
        if (node.cloud() != null) {
            clouds.put(node.nodeId(), node.cloud());
        }
    }

    /** The cloud a node was planned on; null: the service's. */
    String cloudOf(NodeId node) {
        return clouds.get(node);
    }

    void move(NodeId node, Stage stage) {
        if (stages.containsKey(node)) {
            stages.put(node, stage);
        }
    }

    Stage stageOf(NodeId node) {
        return stages.get(node);
    }

    String roleOf(NodeId node) {
        return roles.get(node);
    }

    boolean knows(NodeId node) {
        return stages.containsKey(node);
    }

    /** Nodes that exist or are on their way: not released, failed or terminated. */
    List<NodeId> active() {
        return inStages(Stage.PLANNED, Stage.ADDRESSED, Stage.RUNNING);
    }

    /** Nodes provisioning may still hold: everything not yet terminated or failed. */
    List<NodeId> notGone() {
        return inStages(Stage.PLANNED, Stage.ADDRESSED, Stage.RUNNING, Stage.RELEASING);
    }

    /** The newest {@code count} running agents. */
    List<NodeId> newestAgents(int count) {
        return newestAgents(count, null);
    }

    /** The newest {@code count} running agents holding {@code webRole} (null: any). */
    List<NodeId> newestAgents(int count, String webRole) {
        List<NodeId> agents = new ArrayList<>(inStages(Stage.RUNNING).stream().filter(id -> AGENT.equals(roles.get(id)))
                .filter(id -> webRole == null || webRolesOf(id).contains(webRole)).toList());
        java.util.Collections.reverse(agents);
        return agents.subList(0, Math.min(count, agents.size()));
    }

    boolean settled() {
        return inStages(Stage.PLANNED, Stage.ADDRESSED, Stage.RELEASING).isEmpty();
    }

    boolean releasing() {
        return !inStages(Stage.RELEASING).isEmpty();
    }

    List<NodeId> inStages(Stage... wanted) {
        List<Stage> set = List.of(wanted);
        return stages.entrySet().stream().filter(e -> set.contains(e.getValue())).map(Map.Entry::getKey).toList();
    }
}
