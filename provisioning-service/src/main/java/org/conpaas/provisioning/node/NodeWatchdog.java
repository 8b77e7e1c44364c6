package org.conpaas.provisioning.node;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.provisioning.cloud.CloudDriver;
import org.conpaas.provisioning.cloud.CloudNode;
import org.conpaas.provisioning.cloud.CloudNodeState;
import org.conpaas.provisioning.cloud.Clouds;
import org.conpaas.provisioning.node.api.BillNodeCommand;
import org.conpaas.provisioning.node.api.FailNodeCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the nodes honest, every {@code conpaas.nodes.watch-interval}: fails nodes that do not
 * enroll, start or heartbeat in time or that their cloud lost; finishes terminations that failed
 * before; terminates instances tagged as ours that no live node owns (orphans); and starts each
 * running node's next billing period when it is due.
 */
@Component
class NodeWatchdog {

    private static final Logger log = LoggerFactory.getLogger(NodeWatchdog.class);

    private final NodeQueries queries;
    private final CommandGateway commands;
    private final Clouds clouds;
    private final NodeProperties properties;
    private final BillingProperties billing;
    private final NodeTerminator terminator;
    private final Clock clock = Clock.systemUTC();

    NodeWatchdog(NodeQueries queries, CommandGateway commands, Clouds clouds, NodeProperties properties, BillingProperties billing,
                 NodeTerminator terminator) {
        this.queries = queries;
        this.commands = commands;
        this.clouds = clouds;
        this.properties = properties;
        this.billing = billing;
        this.terminator = terminator;
    }

    @Scheduled(fixedDelayString = "${conpaas.nodes.watch-interval:5s}", initialDelayString = "${conpaas.nodes.watch-interval:5s}")
    void watch() {
        Instant now = clock.instant();
        // each duty on its own: a cloud that does not answer must not stop billing or the timeouts
        duty("timeouts", () -> timeouts(now));
        Map<String, List<CloudNode>> listed = listings();
        duty("cloud states", () -> cloudStates(listed));
        duty("terminations", () -> retryTerminations(now));
        duty("orphans", () -> orphans(listed));
        duty("billing", () -> bill(now));
    }

    private static void duty(String name, Runnable duty) {
        try {
            duty.run();
        } catch (RuntimeException e) {
            log.warn("node watch: {} failed this round: {}", name, e.toString());
        }
    }

    private void timeouts(Instant now) {
        for (String state : new String[]{"REQUESTED", "BOOTING"}) {
            queries.inState(state, now.minus(properties.enrollTimeout())).forEach(n ->
                    fail(n, "did not enroll within " + properties.enrollTimeout()));
        }
        queries.inState("ENROLLED", now.minus(properties.runTimeout())).forEach(n ->
                fail(n, "enrolled but its agent did not report the service running within " + properties.runTimeout()));
        queries.runningSilentSince(now.minus(properties.heartbeatTimeout())).forEach(n ->
                fail(n, "no heartbeat for " + properties.heartbeatTimeout()));
    }

    /**
     * One listing per cloud a round (a paged call on EC2), not one call per node: a node whose
     * instance the listing holds is checked from it; one it does not hold (terminated, or launched
     * too recently for a listing to show) is asked for on its own.
     */
    private void cloudStates(Map<String, List<CloudNode>> listings) {
        Map<String, List<NodeView>> byCloud = new LinkedHashMap<>();
        for (NodeView node : queries.alive()) {
            if (node.instanceId() != null && clouds.all().containsKey(node.cloud())) {
                byCloud.computeIfAbsent(node.cloud(), c -> new ArrayList<>()).add(node);
            }
        }
        byCloud.forEach((cloud, nodes) -> {
            CloudDriver driver = clouds.driver(cloud);
            if (!listings.containsKey(cloud)) {
                return; // the cloud did not answer: nothing is known of its instances, so nothing is decided
            }
            Map<String, CloudNode> listed = new HashMap<>();
            listings.get(cloud).forEach(instance -> listed.put(instance.instanceId(), instance));
            for (NodeView node : nodes) {
                Optional<CloudNode> seen = Optional.ofNullable(listed.get(node.instanceId()));
                if (seen.isEmpty()) {
                    try {
                        seen = driver.describe(node.instanceId());
                    } catch (RuntimeException unanswered) {
                        log.warn("node watch: cloud {} did not describe {}: {}", cloud, node.instanceId(), unanswered.toString());
                        continue;
                    }
                }
                if (seen.isEmpty() || seen.get().state() == CloudNodeState.TERMINATED || seen.get().state() == CloudNodeState.FAILED) {
                    fail(node, "its cloud reports the instance " + seen.map(s -> s.state().name().toLowerCase()).orElse("gone"));
                }
            }
        });
    }

    private void retryTerminations(Instant now) {
        for (String state : new String[]{"STOPPING", "FAILED"}) {
            queries.inState(state, now.minusSeconds(30)).forEach(n ->
                    terminator.terminate(NodeId.of(n.id()), n.cloud(), n.instanceId()));
        }
    }

    /** Each cloud's instances of this deployment, listed once a round for both duties; a cloud that did not answer is left out. */
    private Map<String, List<CloudNode>> listings() {
        Map<String, List<CloudNode>> listed = new LinkedHashMap<>();
        for (Map.Entry<String, CloudDriver> cloud : clouds.all().entrySet()) {
            try {
                listed.put(cloud.getKey(), cloud.getValue().listOurs());
            } catch (RuntimeException unanswered) {
                log.warn("node watch: cloud {} did not list its instances, they are looked at next round: {}",
                        cloud.getKey(), unanswered.toString());
            }
        }
        return listed;
    }

    private void orphans(Map<String, List<CloudNode>> listings) {
        List<String> named = listings.values().stream().flatMap(List::stream).map(CloudNode::nodeId).filter(java.util.Objects::nonNull)
                .toList();
        Map<String, String> states = queries.statesOf(named);
        listings.forEach((cloud, ours) -> {
            for (CloudNode instance : ours) {
                String node = instance.nodeId();
                Optional<String> state = node == null ? Optional.empty() : Optional.ofNullable(states.get(node));
                boolean owned = state.map(s -> !s.equals("TERMINATED")).orElse(false);
                if (!owned) {
                    log.warn("terminating orphan {} on {} (node {}, {})", instance.instanceId(), cloud, node,
                            state.orElse("unknown here"));
                    clouds.driver(cloud).terminate(instance.instanceId());
                }
            }
        });
    }

    private void bill(Instant now) {
        for (NodeView node : queries.billingDue(now)) {
            commands.sendAndWait(new BillNodeCommand(NodeId.of(node.id()), now, billing.period(), billing.creditsPerPeriod()));
        }
    }

    private void fail(NodeView node, String reason) {
        log.warn("node {} failed: {}", node.id(), reason);
        commands.sendAndWait(new FailNodeCommand(NodeId.of(node.id()), reason));
    }
}
