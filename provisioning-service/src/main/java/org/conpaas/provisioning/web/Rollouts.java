package org.conpaas.provisioning.web;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.service.ServiceRolloutEnded;
import org.conpaas.kit.bus.IntegrationEventPublisher;
import org.conpaas.provisioning.database.DatabaseBindings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Rolls each service's newest release over its nodes. Proxy-only and web-only nodes switch at once;
 * backends one at a time: the backend leaves the proxies' rotation, the proxies apply that (they
 * report the members' hash) and open requests drain, then it is told the new release and rejoins
 * once it runs it and its health check passes. A backend whose health check fails on the new
 * release (or that does not come back in time) stops the rollout: it goes back to the last release
 * that rolled out, the others never left it, and app-service hears why (service.rollout-ended).
 * Generic and web services have no health check: their release has rolled out once every running
 * node was told of it. Each step runs under the service's advisory lock, so several
 * provisioning-service instances can share the work; the state is in the database, not in memory.
 * A release bound to a mysql service waits until the binding's account is made on its servers (and
 * is stopped when that takes longer than a step may).
 */
@Component
class Rollouts {

    private static final Logger log = LoggerFactory.getLogger(Rollouts.class);

    private final ServiceReleases releases;
    private final RolloutStates states;
    private final WebNodes nodes;
    private final JdbcTemplate jdbc;
    private final IntegrationEventPublisher publisher;
    private final TransactionTemplate transactions;
    private final DatabaseBindings bindings;
    private final Duration drain;
    private final Duration healthGrace;
    private final Duration stepTimeout;
    private final Clock clock = Clock.systemUTC();

    Rollouts(ServiceReleases releases, RolloutStates states, WebNodes nodes, JdbcTemplate jdbc, IntegrationEventPublisher publisher,
             TransactionTemplate transactions, DatabaseBindings bindings,
             @Value("${conpaas.web.drain:2s}") Duration drain,
             @Value("${conpaas.web.health-grace:15s}") Duration healthGrace,
             @Value("${conpaas.web.step-timeout:150s}") Duration stepTimeout) {
        this.releases = releases;
        this.states = states;
        this.nodes = nodes;
        this.jdbc = jdbc;
        this.publisher = publisher;
        this.transactions = transactions;
        this.bindings = bindings;
        this.drain = drain;
        this.healthGrace = healthGrace;
        this.stepTimeout = stepTimeout;
    }

    @Scheduled(fixedDelayString = "${conpaas.web.rollout-interval:1s}", initialDelayString = "${conpaas.web.rollout-interval:1s}")
    void run() {
        for (String service : releases.withRolloutOpen()) {
            try {
                transactions.executeWithoutResult(tx -> {
                    if (states.lock(service)) {
                        step(service);
                    }
                });
            } catch (RuntimeException e) {
                log.warn("rollout of service {} not advanced, trying again: {}", service, e.toString());
            }
        }
    }

    void step(String serviceId) {
        WebRelease latest = releases.latest(serviceId).orElse(null);
        if (latest == null) {
            return;
        }
        RolloutStates.State state = states.of(serviceId);
        int target = latest.release();
        Instant now = clock.instant();
        String notReady = state.failed() == target || state.ended() >= target ? null : bindings.notReady(serviceId, latest.bindings());
        if (notReady != null) {
            if (now.isAfter(releases.createdAt(serviceId, target).orElse(now).plus(stepTimeout))) {
                log.info("release {} of service {} stopped: {}", target, serviceId, notReady);
                end(serviceId, target, false, null, notReady);
                states.stopped(serviceId, target);
            }
            return;
        }
        List<WebNode> running = nodes.runningOf(serviceId);
        if (running.isEmpty()) {
            if (state.ended() < target && everyRunningNodeHeard(serviceId, target)) {
                boolean any = nodes.anyRunning(serviceId);
                end(serviceId, target, true, null, any ? "every node was told to run it" : "no node ran then; every node started since runs it");
                states.rolledOut(serviceId, target);
            }
            return;
        }
        boolean stopped = state.failed() == target;
        int goal = stopped && state.stable() > 0 ? state.stable() : target;
        for (WebNode node : running) {
            if (!node.has(WebNode.BACKEND) && !Objects.equals(node.assignedRelease(), goal)) {
                nodes.assign(node.id(), goal);
            }
        }
        List<WebNode> backends = running.stream().filter(n -> n.has(WebNode.BACKEND)).toList();
        if (stopped) {
            backends.stream().filter(b -> !Objects.equals(b.assignedRelease(), goal)).forEach(b -> nodes.assign(b.id(), goal));
            return;
        }
        if (state.rollingNode() != null) {
            WebNode rolling = backends.stream().filter(b -> b.id().equals(state.rollingNode())).findFirst().orElse(null);
            if (rolling == null || rolling.healthyOnAssigned()) {
                states.rolling(serviceId, null, now);
            } else if (failed(rolling, state.stepStartedAt(), now)) {
                stop(serviceId, target, state, rolling, now);
            }
            return;
        }
        List<WebNode> pending = backends.stream().filter(b -> !Objects.equals(b.assignedRelease(), target)).toList();
        if (pending.isEmpty()) {
            if (state.ended() < target && backends.stream().allMatch(WebNode::healthyOnAssigned)) {
                log.info("release {} of service {} runs on every node", target, serviceId);
                end(serviceId, target, true, null, backends.isEmpty() ? "no backend ran then; every backend started since runs it"
                        : "every backend runs it and passes its health check");
                states.rolledOut(serviceId, target);
            }
            return;
        }
        WebNode next = pending.get(0);
        ProxyMembers members = ProxyMembers.of(running);
        boolean othersServe = members.backends().stream().anyMatch(m -> !m.node().equals(next.id()));
        if (next.inRotation() && othersServe) {
            nodes.leaveRotation(next.id(), now);
            return;
        }
        if (!next.inRotation() && othersServe) {
            boolean applied = running.stream().filter(n -> n.has(WebNode.PROXY) && n.port(WebNode.PROXY) != null)
                    .allMatch(p -> members.hash().equals(p.membersHash()));
            Instant left = next.leftRotationAt() == null ? now : next.leftRotationAt();
            // a proxy that stopped answering must not hold the rollout for ever
            boolean drained = applied ? now.isAfter(left.plus(drain)) : now.isAfter(left.plus(drain.multipliedBy(15)));
            if (!drained) {
                return;
            }
        }
        nodes.assign(next.id(), target);
        states.rolling(serviceId, next.id(), now);
        log.info("release {} of service {}: node {} switches", target, serviceId, next.id());
    }

    private boolean failed(WebNode node, Instant since, Instant now) {
        Instant started = since == null ? now : since;
        boolean unhealthy = Objects.equals(node.runningRelease(), node.assignedRelease()) && Boolean.FALSE.equals(node.healthy());
        return "FAILED".equals(node.agentState()) || unhealthy && now.isAfter(started.plus(healthGrace)) || now.isAfter(started.plus(stepTimeout));
    }

    private void stop(String serviceId, int target, RolloutStates.State state, WebNode node, Instant now) {
        String reason = node.healthDetail() != null && Boolean.FALSE.equals(node.healthy()) ? "health check: " + node.healthDetail()
                : "FAILED".equals(node.agentState()) ? "the node failed"
                : "not healthy on release " + target + " within " + stepTimeout.toSeconds() + " s";
        log.info("release {} of service {} stopped at node {}: {}", target, serviceId, node.id(), reason);
        end(serviceId, target, false, node.id(), reason);
        states.stopped(serviceId, target);
        if (state.stable() > 0) {
            nodes.assign(node.id(), state.stable());
        }
    }

    private boolean everyRunningNodeHeard(String serviceId, int release) {
        Instant created = releases.createdAt(serviceId, release).orElse(Instant.EPOCH);
        Integer unaware = jdbc.queryForObject("""
                SELECT count(*) FROM node WHERE service_id = ? AND state = 'RUNNING' AND coalesce(last_heartbeat, state_since) <= ?""",
                Integer.class, serviceId, Timestamp.from(created));
        return unaware != null && unaware == 0;
    }

    private void end(String serviceId, int release, boolean rolledOut, String nodeId, String reason) {
        String application = releases.applicationOf(serviceId).orElse(null);
        if (application == null) {
            return;
        }
        EventType type = ServiceRolloutEnded.class.getAnnotation(EventType.class);
        publisher.publish(new ServiceRolloutEnded(new EventHeader(UUID.randomUUID(), type.value(), type.version(), clock.instant(), serviceId),
                ApplicationId.of(application), ServiceId.of(serviceId), release, rolledOut, nodeId == null ? null : NodeId.of(nodeId), reason));
    }
}
