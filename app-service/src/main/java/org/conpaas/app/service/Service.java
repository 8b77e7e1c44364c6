package org.conpaas.app.service;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.conpaas.app.service.ServiceNodes.Stage;
import org.conpaas.app.service.api.*;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.axon.AxonOnPostgresConfiguration;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A service inside an application and its lifecycle. It is the process manager of its own start,
 * scaling and stop: it plans nodes, hears back from vpn-service (addresses) and
 * provisioning-service (running, failed, terminated) and moves between states; anything it no
 * longer wants is released, so no node is left behind.
 */
@Aggregate(snapshotTriggerDefinition = AxonOnPostgresConfiguration.SNAPSHOT_TRIGGER)
@org.axonframework.serialization.Revision("4") // 4: releases with bindings; older snapshots are not read
public class Service {

    @AggregateIdentifier
    private ServiceId serviceId;
    private ApplicationId applicationId;
    private UserId ownerId;
    private String type;
    private String cloud;
    private ServiceState state;
    private ServiceNodes nodes;
    private CodeVersions code;
    private Releases releases;
    private boolean removing;

    protected Service() {
        // for Axon
    }

    @CommandHandler
    public Service(AddServiceCommand c) {
        apply(new ServiceAdded(c.serviceId(), c.applicationId(), c.ownerId(), c.type(), c.name(), c.cloud()));
    }

    @CommandHandler
    void handle(RenameServiceCommand c) {
        apply(new ServiceRenamed(serviceId, applicationId, c.name()));
    }

    @CommandHandler
    void handle(RemoveServiceCommand c) {
        if (removing) {
            return;
        }
        if (nodes.notGone().isEmpty() && (state == ServiceState.INIT || state == ServiceState.STOPPED || state == ServiceState.ERROR)) {
            apply(new ServiceRemoved(serviceId, applicationId));
            return;
        }
        if (!c.cascade()) {
            throw new org.conpaas.kit.domain.RuleViolationException("the service is " + state + " with " + nodes.notGone().size()
                    + " node(s); stop it first, or remove it without cascade=false to stop and remove it in one go");
        }
        apply(new ServiceRemovalStarted(serviceId, applicationId, c.reason()));
        if (state.canMoveTo(ServiceState.EPILOGUE)) {
            moveTo(ServiceState.EPILOGUE, "removal: " + c.reason());
            release(nodes.active(), c.reason());
        }
        settle();
    }

    @CommandHandler
    void handle(StartServiceCommand c) {
        require(ServiceState.PROLOGUE, "start", "INIT or STOPPED");
        moveTo(ServiceState.PROLOGUE, "start with " + c.nodes() + " node(s) requested");
        apply(new NodesPlanned(serviceId, applicationId, nodes.plan(c.nodes(), c.clouds(),
                WebRoles.hosting(type) ? WebRoles.BACKEND : null)));
    }

    @CommandHandler
    void handle(AddNodesCommand c) {
        require(ServiceState.ADAPTING, "adding nodes", "RUNNING");
        String role = WebRoles.forAdded(type, c.webRole());
        String what = c.count() + (role == null ? "" : " " + role) + " node(s) to add";
        moveTo(ServiceState.ADAPTING, c.reason() == null ? what : what + ": " + c.reason());
        apply(new NodesPlanned(serviceId, applicationId, nodes.plan(c.count(), c.clouds(), role)));
    }

    @CommandHandler
    void handle(RemoveNodesCommand c) {
        require(ServiceState.ADAPTING, "removing nodes", "RUNNING");
        String role = c.webRole() == null ? null : WebRoles.forAdded(type, c.webRole());
        List<NodeId> removable = nodes.newestAgents(c.count(), role);
        if (removable.size() < c.count()) {
            throw new org.conpaas.kit.domain.RuleViolationException("the service has " + removable.size() + (role == null ? "" : " " + role)
                    + " agent node(s) to remove; its manager stays (stop the service to release every node)");
        }
        String what = c.count() + (role == null ? "" : " " + role) + " node(s) to remove";
        moveTo(ServiceState.ADAPTING, c.reason() == null ? what : what + ": " + c.reason());
        apply(new NodesReleased(serviceId, applicationId, removable, c.reason() == null ? "removed by request" : c.reason()));
    }

    @CommandHandler
    void handle(StopServiceCommand c) {
        require(ServiceState.EPILOGUE, "stop", "PROLOGUE, RUNNING, ADAPTING or ERROR");
        List<NodeId> releasing = nodes.notGone();
        moveTo(ServiceState.EPILOGUE, c.reason());
        release(nodes.active(), c.reason());
        if (releasing.isEmpty()) {
            moveTo(ServiceState.STOPPED, "no node left");
        }
    }

    @CommandHandler
    void handle(RecordNodeAddressesCommand c) {
        List<AddressedNode> addressed = c.addresses().entrySet().stream()
                .filter(e -> nodes.stageOf(e.getKey()) == Stage.PLANNED)
                .map(e -> new AddressedNode(e.getKey(), nodes.roleOf(e.getKey()), e.getValue(), nodes.cloudOf(e.getKey()),
                        nodes.webRolesOf(e.getKey()))).toList();
        if (!addressed.isEmpty()) {
            apply(new NodesAddressed(serviceId, applicationId, ownerId, type, cloud, addressed));
        }
    }

    @CommandHandler
    void handle(RecordAddressesRefusedCommand c) {
        List<NodeId> refused = c.nodeIds().stream().filter(n -> nodes.stageOf(n) == Stage.PLANNED).toList();
        if (!refused.isEmpty()) {
            refused.forEach(n -> apply(new NodeFailed(serviceId, n, c.reason())));
            fail("no VPN address: " + c.reason());
        }
    }

    @CommandHandler
    void handle(RecordNodeRunningCommand c) {
        if (nodes.stageOf(c.nodeId()) == Stage.ADDRESSED) {
            apply(new NodeRan(serviceId, c.nodeId(), c.cloud(), c.address()));
            settle();
        }
    }

    @CommandHandler
    void handle(RecordNodeFailedCommand c) {
        Stage stage = nodes.stageOf(c.nodeId());
        if (stage == null || stage == Stage.FAILED || stage == Stage.TERMINATED) {
            return;
        }
        apply(new NodeFailed(serviceId, c.nodeId(), c.reason()));
        if (stage == Stage.RELEASING) {
            settle();
        } else if (state == ServiceState.RUNNING && code.enabledIsRefused()) {
            // a replacement would fetch the same refused code and fail again, for ever: say so, run on with fewer
            moveTo(ServiceState.ADAPTING, "node " + c.nodeId() + " failed and is not replaced: nodes refuse code version "
                    + code.enabled() + "; upload a version they accept");
            settle();
        } else if (state == ServiceState.RUNNING) {
            moveTo(ServiceState.ADAPTING, "replacing failed node " + c.nodeId() + ": " + c.reason());
            // the replacement goes where the failed node was
            String where = nodes.cloudOf(c.nodeId());
            List<String> had = nodes.webRolesOf(c.nodeId());
            String role = !WebRoles.hosting(type) ? null : had.size() == 1 ? had.get(0) : WebRoles.BACKEND;
            apply(new NodesPlanned(serviceId, applicationId, nodes.plan(1, where == null ? List.of() : List.of(where), role)));
        } else if (state == ServiceState.PROLOGUE || state == ServiceState.ADAPTING) {
            fail("node " + c.nodeId() + " failed: " + c.reason());
        }
    }

    @CommandHandler
    void handle(RecordNodeTerminatedCommand c) {
        if (nodes.knows(c.nodeId()) && nodes.stageOf(c.nodeId()) != Stage.TERMINATED) {
            apply(new NodeTerminated(serviceId, c.nodeId()));
            settle();
        }
    }

    @CommandHandler
    void handle(TimeOutServiceCommand c) {
        if (state.inTransition()) {
            fail(state + " did not finish within " + c.allowed());
        }
    }

    @CommandHandler
    void handle(RecordCodeUploadedCommand c, CodeLimits limits) {
        if (c.version() != code.latest() + 1) {
            throw new org.conpaas.kit.domain.RuleViolationException("code version " + c.version() + " was uploaded concurrently; upload again");
        }
        apply(new CodeUploaded(serviceId, applicationId, c.version(), c.sha256(), c.size()));
        release(releases.withCode(c.version()), "code version " + c.version() + " uploaded");
        List<Integer> pruned = code.overLimits(limits);
        if (!pruned.isEmpty()) {
            apply(new CodeVersionsPruned(serviceId, applicationId, pruned, "more than " + limits.maxVersions() + " version(s) or "
                    + limits.maxKeptSize().toMegabytes() + " MB kept"));
        }
    }

    @CommandHandler
    void handle(RecordCodeRefusedCommand c) {
        if (code.refusalIsNews(c.version())) {
            apply(new CodeVersionRefused(serviceId, applicationId, c.version(), c.nodeId(), c.reason()));
        }
    }

    @CommandHandler
    void handle(EnableCodeVersionCommand c) {
        requireNotRemoving("enabling a code version");
        if (!code.keeps(c.version())) {
            throw new org.conpaas.kit.domain.RuleViolationException("the service keeps no code version " + c.version()
                    + (code.latest() == 0 ? "; upload code first" : "; see its versions"));
        }
        if (code.isRefused(c.version())) {
            throw new org.conpaas.kit.domain.RuleViolationException("nodes refused code version " + c.version() + "; enable another one");
        }
        if (releases.current().codeVersion() == c.version()) {
            return;
        }
        boolean older = c.version() < releases.current().codeVersion();
        release(releases.withCode(c.version()), "code version " + c.version() + " enabled" + (older ? " (rollback)" : "")
                + (c.by() == null ? "" : " by " + c.by()));
    }

    @CommandHandler
    void handle(ChangeEnvironmentCommand c) {
        requireNotRemoving("changing the environment");
        release(releases.withEnvironment(c), Releases.describe(c));
    }

    @CommandHandler
    void handle(BindDatabaseCommand c) {
        requireNotRemoving("binding a database");
        requireHosting();
        releases.withBinding(c.binding()).ifPresent(content -> release(content, "bound to mysql service " + c.binding().serviceName()
                + " (database " + c.binding().database() + ")"));
    }

    @CommandHandler
    void handle(UnbindDatabaseCommand c) {
        requireNotRemoving("unbinding a database");
        String name = releases.current().bindings().stream().filter(b -> b.serviceId().equals(c.database())).findFirst()
                .map(org.conpaas.contracts.service.ServiceBinding::serviceName).orElse(c.database().value());
        release(releases.withoutBinding(c.database()), "unbound from mysql service " + name);
    }

    @CommandHandler
    void handle(SetHealthPathCommand c) {
        requireNotRemoving("changing the health check");
        if (!WebRoles.hosting(type)) {
            throw new org.conpaas.kit.domain.RuleViolationException("a " + type + " service has no health check; php and java services do");
        }
        if (!c.path().equals(releases.current().healthPath())) {
            release(releases.withHealthPath(c.path()), "health check: GET " + c.path());
        }
    }

    @CommandHandler
    void handle(SetAutoscalingCommand c, ServiceLimits limits) {
        requireNotRemoving("changing autoscaling");
        if (!WebRoles.hosting(type)) {
            throw new org.conpaas.kit.domain.RuleViolationException("a " + type + " service has no autoscaling; php and java services do");
        }
        if (c.on()) {
            String problem = Autoscaling.problemWith(c.targetResponseMs(), c.min(), c.max(), limits.maxNodesPerRequest());
            if (problem != null) {
                throw new org.conpaas.kit.domain.RuleViolationException(problem);
            }
        }
        apply(new AutoscalingSet(serviceId, applicationId, c.on(), c.on() ? c.targetResponseMs() : 0, c.on() ? c.min() : 0,
                c.on() ? c.max() : 0));
    }

    @CommandHandler
    void handle(SetNodeWeightCommand c) {
        requireNotRemoving("changing a weight");
        if (!WebRoles.hosting(type)) {
            throw new org.conpaas.kit.domain.RuleViolationException("a " + type + " service has no load balancer; php and java services do");
        }
        if (c.weight() < 1 || c.weight() > 100) {
            throw new org.conpaas.kit.domain.RuleViolationException("a weight is 1 to 100, not " + c.weight());
        }
        Stage stage = nodes.stageOf(c.nodeId());
        if (stage == null || stage == Stage.TERMINATED || stage == Stage.FAILED || stage == Stage.RELEASING) {
            throw new org.conpaas.kit.domain.RuleViolationException("the service has no node " + c.nodeId() + " that runs or is starting");
        }
        apply(new NodeWeightSet(serviceId, applicationId, c.nodeId(), c.weight()));
    }

    @CommandHandler
    void handle(RecordRolloutEndedCommand c) {
        if (releases.endIsNews(c.release())) {
            Releases.Content now = c.rolledOut() ? releases.current() : releases.afterStopped();
            apply(new RolloutEnded(serviceId, c.release(), c.rolledOut(), c.nodeId(), c.reason(), now.codeVersion(), now.environment(),
                    now.secretNames(), now.healthPath(), now.bindings()));
        }
    }

    private void release(Releases.Content content, String cause) {
        apply(new ReleaseCreated(serviceId, applicationId, type, releases.number() + 1, content.codeVersion(), content.environment(),
                content.secretNames(), content.healthPath(), cause, content.bindings()));
    }

    private void requireHosting() {
        if (!WebRoles.hosting(type)) {
            throw new org.conpaas.kit.domain.RuleViolationException("a " + type + " service cannot be bound to a database; php and java services can");
        }
    }

    private void requireNotRemoving(String action) {
        if (removing) {
            throw new org.conpaas.kit.domain.RuleViolationException("the service is being removed; " + action + " is no longer possible");
        }
    }

    private void settle() {
        if (!nodes.settled()) {
            return;
        }
        if (state == ServiceState.PROLOGUE || state == ServiceState.ADAPTING) {
            moveTo(ServiceState.RUNNING, nodes.active().size() + " node(s) running");
        } else if (state == ServiceState.EPILOGUE) {
            moveTo(ServiceState.STOPPED, "every node released");
        }
        if (removing && nodes.notGone().isEmpty()) {
            if (state == ServiceState.ERROR) {
                moveTo(ServiceState.STOPPED, "every node released");
            }
            apply(new ServiceRemoved(serviceId, applicationId));
        }
    }

    private void fail(String reason) {
        if (!state.canMoveTo(ServiceState.ERROR)) {
            return;
        }
        moveTo(ServiceState.ERROR, reason);
        release(nodes.active(), "clean-up after error");
    }

    private void release(List<NodeId> releasing, String reason) {
        if (!releasing.isEmpty()) {
            apply(new NodesReleased(serviceId, applicationId, releasing, reason));
        }
    }

    private void require(ServiceState target, String action, String allowed) {
        requireNotRemoving(action);
        if (!state.canMoveTo(target)) {
            throw new IllegalServiceStateException(state, action, allowed);
        }
    }

    private void moveTo(ServiceState target, String reason) {
        apply(new ServiceStateChanged(serviceId, applicationId, state.name(), target.name(), reason));
    }

    @EventSourcingHandler
    void on(ServiceAdded e) {
        serviceId = e.serviceId();
        applicationId = e.applicationId();
        ownerId = e.ownerId();
        type = e.type();
        cloud = e.cloud();
        state = ServiceState.INIT;
        nodes = new ServiceNodes();
        code = new CodeVersions();
        releases = new Releases();
    }

    @EventSourcingHandler
    void on(ReleaseCreated e) {
        releases.created(e.release(), new Releases.Content(e.codeVersion(), e.environment(), new java.util.HashSet<>(e.secretNames()),
                e.healthPath(), e.bindings()));
        code.enabled(e.codeVersion());
    }

    @EventSourcingHandler
    void on(RolloutEnded e) {
        releases.ended(e.release(), e.rolledOut());
        code.enabled(releases.current().codeVersion());
    }

    @EventSourcingHandler
    void on(ServiceStateChanged e) {
        state = ServiceState.valueOf(e.to());
    }

    @EventSourcingHandler
    void on(NodesPlanned e) {
        e.nodes().forEach(nodes::planned);
    }

    @EventSourcingHandler
    void on(NodesAddressed e) {
        e.nodes().forEach(n -> nodes.move(n.nodeId(), Stage.ADDRESSED));
    }

    @EventSourcingHandler
    void on(NodeRan e) {
        nodes.move(e.nodeId(), Stage.RUNNING);
    }

    @EventSourcingHandler
    void on(NodesReleased e) {
        e.nodeIds().forEach(n -> nodes.move(n, Stage.RELEASING));
    }

    @EventSourcingHandler
    void on(NodeFailed e) {
        nodes.move(e.nodeId(), Stage.FAILED);
    }

    @EventSourcingHandler
    void on(NodeTerminated e) {
        nodes.move(e.nodeId(), Stage.TERMINATED);
    }

    @EventSourcingHandler
    void on(CodeUploaded e) {
        code.added(e.version(), e.size());
    }

    @EventSourcingHandler
    void on(CodeVersionsPruned e) {
        code.pruned(e.versions());
    }

    @EventSourcingHandler
    void on(CodeVersionRefused e) {
        code.refused(e.version());
    }

    @EventSourcingHandler
    void on(ServiceRemovalStarted e) {
        removing = true;
    }

    @EventSourcingHandler
    void on(ServiceRemoved e) {
        markDeleted();
    }
}
