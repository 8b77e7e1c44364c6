package org.conpaas.provisioning.node;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.axon.AxonOnPostgresConfiguration;
import org.conpaas.provisioning.node.api.*;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One provisioned node and its life. Whatever happens in between, a node that is not wanted or
 * failed ends with its cloud instance terminated: a launch that completes after the node was
 * released is answered by stopping that instance too.
 */
@Aggregate(snapshotTriggerDefinition = AxonOnPostgresConfiguration.SNAPSHOT_TRIGGER)
public class Node {

    @AggregateIdentifier
    private NodeId nodeId;
    private ServiceId serviceId;
    private ApplicationId applicationId;
    private UserId ownerId;
    private String cloud;
    private String instanceId;
    private NodeState state;
    private Instant paidUntil;
    private long refusedCodeVersion;

    protected Node() {
        // for Axon
    }

    @CommandHandler
    public Node(RequestNodeCommand c) {
        apply(new NodeRequested(c.nodeId(), c.serviceId(), c.applicationId(), c.ownerId(), c.role(), c.serviceType(), c.cloud(),
                c.vpnAddress(), c.webRoles()));
    }

    @CommandHandler
    void handle(RecordNodeLaunchedCommand c) {
        if (state == NodeState.REQUESTED) {
            apply(new NodeLaunched(nodeId, cloud, c.instanceId()));
        } else if (!state.alive() && instanceId == null) {
            // released or failed while the cloud was starting it: end that instance as well
            apply(new NodeStopping(nodeId, cloud, c.instanceId(), "released before its launch completed"));
        }
    }

    @CommandHandler
    void handle(RecordNodeEnrolledCommand c) {
        if (state == NodeState.REQUESTED || state == NodeState.BOOTING) {
            apply(new NodeEnrolled(nodeId, c.certificateSerial()));
        }
    }

    @CommandHandler
    void handle(RecordHeartbeatCommand c) {
        if ("FAILED".equals(c.agentState()) && state.alive()) {
            fail("the node agent reports its service failed: " + c.detail());
        } else if ("RUNNING".equals(c.agentState()) && (state == NodeState.ENROLLED || state == NodeState.BOOTING)) {
            apply(new NodeRunning(nodeId, serviceId, applicationId, cloud, c.address()));
        }
    }

    @CommandHandler
    void handle(RecordCodeRefusedCommand c) {
        if (state.alive() && c.version() != refusedCodeVersion) {
            apply(new NodeCodeRefused(nodeId, serviceId, applicationId, c.version(), c.reason()));
        }
    }

    @CommandHandler
    void handle(ReleaseNodeCommand c) {
        if (!state.alive()) {
            return;
        }
        apply(new NodeStopping(nodeId, cloud, instanceId, c.reason()));
        if (instanceId == null) {
            apply(new NodeTerminated(nodeId, serviceId, applicationId));
        }
    }

    @CommandHandler
    void handle(FailNodeCommand c) {
        if (state.alive()) {
            fail(c.reason());
        }
    }

    @CommandHandler
    void handle(RecordNodeTerminatedCommand c) {
        if (state == NodeState.STOPPING || state == NodeState.FAILED) {
            apply(new NodeTerminated(nodeId, serviceId, applicationId));
        }
    }

    @CommandHandler
    void handle(BillNodeCommand c) {
        if (state == NodeState.RUNNING && !c.now().isBefore(paidUntil)) {
            apply(new NodeBilled(nodeId, serviceId, applicationId, ownerId, c.credits(), paidUntil, paidUntil.plus(c.period())));
        }
    }

    @CommandHandler
    void handle(RecordNodeChargedCommand c) {
        if (c.credits() > 0) {
            apply(new NodeCharged(nodeId, c.credits()));
        }
    }

    private void fail(String reason) {
        apply(new NodeFailed(nodeId, serviceId, applicationId, cloud, instanceId, reason));
        if (instanceId == null) {
            apply(new NodeTerminated(nodeId, serviceId, applicationId));
        }
    }

    @EventSourcingHandler
    void on(NodeRequested e) {
        nodeId = e.nodeId();
        serviceId = e.serviceId();
        applicationId = e.applicationId();
        ownerId = e.ownerId();
        cloud = e.cloud();
        state = NodeState.REQUESTED;
    }

    @EventSourcingHandler
    void on(NodeLaunched e) {
        instanceId = e.instanceId();
        state = NodeState.BOOTING;
    }

    @EventSourcingHandler
    void on(NodeEnrolled e) {
        state = NodeState.ENROLLED;
    }

    @EventSourcingHandler
    void on(NodeRunning e, @org.axonframework.eventhandling.Timestamp Instant at) {
        state = NodeState.RUNNING;
        paidUntil = at;
    }

    @EventSourcingHandler
    void on(NodeStopping e) {
        instanceId = e.instanceId() == null ? instanceId : e.instanceId();
        state = NodeState.STOPPING;
    }

    @EventSourcingHandler
    void on(NodeFailed e) {
        state = NodeState.FAILED;
    }

    @EventSourcingHandler
    void on(NodeTerminated e) {
        state = NodeState.TERMINATED;
    }

    @EventSourcingHandler
    void on(NodeCodeRefused e) {
        refusedCodeVersion = e.version();
    }

    @EventSourcingHandler
    void on(NodeBilled e) {
        paidUntil = e.periodEnd();
    }
}
