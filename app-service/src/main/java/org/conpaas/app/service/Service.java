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
@org.axonframework.serialization.Revision("2") // 2: code versions kept (CodeVersions); older snapshots are not read
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
        apply(new NodesPlanned(serviceId, applicationId, nodes.plan(c.nodes(), c.clouds())));
    }

    @CommandHandler
    void handle(AddNodesCommand c) {
        require(ServiceState.ADAPTING, "adding nodes", "RUNNING");
        moveTo(ServiceState.ADAPTING, c.count() + " node(s) to add");
        apply(new NodesPlanned(serviceId, applicationId, nodes.plan(c.count(), c.clouds())));
    }

    @CommandHandler
    void handle(RemoveNodesCommand c) {
        require(ServiceState.ADAPTING, "removing nodes", "RUNNING");
        List<NodeId> removable = nodes.newestAgents(c.count());
        if (removable.size() < c.count()) {
            throw new org.conpaas.kit.domain.RuleViolationException("the service has " + removable.size() + " agent node(s) to remove; its manager stays"
                    + " (stop the service to release every node)");
        }
        moveTo(ServiceState.ADAPTING, c.count() + " node(s) to remove");
        apply(new NodesReleased(serviceId, applicationId, removable, "removed by request"));
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
                .map(e -> new AddressedNode(e.getKey(), nodes.roleOf(e.getKey()), e.getValue(), nodes.cloudOf(e.getKey()))).toList();
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
            apply(new NodesPlanned(serviceId, applicationId, nodes.plan(1, where == null ? List.of() : List.of(where))));
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
        if (c.version() != code.enabled() + 1) {
            throw new org.conpaas.kit.domain.RuleViolationException("code version " + c.version() + " was uploaded concurrently; upload again");
        }
        apply(new CodeUploaded(serviceId, applicationId, c.version(), c.sha256(), c.size()));
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
        if (removing) {
            throw new org.conpaas.kit.domain.RuleViolationException("the service is being removed; " + action + " is no longer possible");
        }
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
