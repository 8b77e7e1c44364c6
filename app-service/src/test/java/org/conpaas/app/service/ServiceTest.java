package org.conpaas.app.service;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.conpaas.app.service.api.*;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceTest {

    private static final ServiceId SVC = ServiceId.of("7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6");
    private static final ApplicationId APP = ApplicationId.of("0f5c1a9e-2b7d-4c3e-8f1a-5d6e7f8a9b0c");
    private static final UserId OWNER = UserId.of("owner-1");
    private static final NodeId M = NodeId.of("node-m");
    private static final NodeId A1 = NodeId.of("node-a1");
    private static final NodeId A2 = NodeId.of("node-a2");

    private FixtureConfiguration<Service> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Service.class);
    }

    private static ServiceAdded added() {
        return new ServiceAdded(SVC, APP, OWNER, "generic", "workers", null);
    }

    private static ServiceStateChanged moved(String from, String to, String reason) {
        return new ServiceStateChanged(SVC, APP, from, to, reason);
    }

    private static Object[] running() {
        return new Object[]{added(), moved("INIT", "PROLOGUE", "start"),
                new NodesPlanned(SVC, APP, List.of(new PlannedNode(M, "manager"), new PlannedNode(A1, "agent"))),
                new NodesAddressed(SVC, APP, OWNER, "generic", null,
                        List.of(new AddressedNode(M, "manager", "172.16.0.1"), new AddressedNode(A1, "agent", "172.16.0.2"))),
                new NodeRan(SVC, M, "local", "127.0.0.1:1"), new NodeRan(SVC, A1, "local", "127.0.0.1:2"),
                moved("PROLOGUE", "RUNNING", "2 node(s) running")};
    }

    @Test
    void startPlansAManagerAndAgentsAndEntersPrologue() {
        fixture.given(added())
                .when(new StartServiceCommand(SVC, 3))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.<Object>exactSequenceOf(
                                org.axonframework.test.matchers.Matchers.<Object>equalTo(moved("INIT", "PROLOGUE", "start with 3 node(s) requested")),
                                org.axonframework.test.matchers.Matchers.<Object>matches(x -> x instanceof NodesPlanned e
                                        && e.nodes().size() == 3 && e.nodes().get(0).role().equals("manager")
                                        && e.nodes().subList(1, 3).stream().allMatch(n -> n.role().equals("agent"))
                                        && e.nodes().stream().map(PlannedNode::nodeId).distinct().count() == 3),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void addressesLeadToANodeRequestAndAllNodesRunningToRunning() {
        fixture.given(added(), moved("INIT", "PROLOGUE", "start"),
                        new NodesPlanned(SVC, APP, List.of(new PlannedNode(M, "manager"), new PlannedNode(A1, "agent"))))
                .when(new RecordNodeAddressesCommand(SVC, Map.of(M, "172.16.0.1")))
                .expectEvents(new NodesAddressed(SVC, APP, OWNER, "generic", null, List.of(new AddressedNode(M, "manager", "172.16.0.1"))));
        fixture.given(added(), moved("INIT", "PROLOGUE", "start"),
                        new NodesPlanned(SVC, APP, List.of(new PlannedNode(M, "manager"), new PlannedNode(A1, "agent"))),
                        new NodesAddressed(SVC, APP, OWNER, "generic", null,
                                List.of(new AddressedNode(M, "manager", "172.16.0.1"), new AddressedNode(A1, "agent", "172.16.0.2"))),
                        new NodeRan(SVC, M, "local", "127.0.0.1:1"))
                .when(new RecordNodeRunningCommand(SVC, A1, "local", "127.0.0.1:2"))
                .expectEvents(new NodeRan(SVC, A1, "local", "127.0.0.1:2"), moved("PROLOGUE", "RUNNING", "2 node(s) running"));
    }

    @Test
    void nodesSpreadOverTheNamedCloudsInTurnAndKeepTheirCloudWhenAddressedAndReplaced() {
        fixture.given(added())
                .when(new StartServiceCommand(SVC, 3, List.of("local", "ec2-eu")))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.<Object>exactSequenceOf(
                                org.hamcrest.Matchers.anything(),
                                org.axonframework.test.matchers.Matchers.<Object>matches(x -> x instanceof NodesPlanned e
                                        && e.nodes().stream().map(PlannedNode::cloud).toList().equals(List.of("local", "ec2-eu", "local"))),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
        Object[] planned = {added(), moved("INIT", "PROLOGUE", "start"),
                new NodesPlanned(SVC, APP, List.of(new PlannedNode(M, "manager", "local"), new PlannedNode(A1, "agent", "ec2-eu")))};
        fixture.given(planned)
                .when(new RecordNodeAddressesCommand(SVC, Map.of(A1, "172.16.0.2")))
                .expectEvents(new NodesAddressed(SVC, APP, OWNER, "generic", null, List.of(new AddressedNode(A1, "agent", "172.16.0.2", "ec2-eu"))));
        Object[] running = concat(planned, new NodesAddressed(SVC, APP, OWNER, "generic", null,
                        List.of(new AddressedNode(M, "manager", "172.16.0.1", "local"), new AddressedNode(A1, "agent", "172.16.0.2", "ec2-eu"))),
                new NodeRan(SVC, M, "local", "127.0.0.1:1"), new NodeRan(SVC, A1, "ec2-eu", "203.0.113.9"),
                moved("PROLOGUE", "RUNNING", "2 node(s) running"));
        fixture.given(running)
                .when(new RecordNodeFailedCommand(SVC, A1, "instance lost"))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.<Object>exactSequenceOf(
                                org.hamcrest.Matchers.anything(),
                                org.hamcrest.Matchers.anything(),
                                org.axonframework.test.matchers.Matchers.<Object>matches(x -> x instanceof NodesPlanned e
                                        && e.nodes().size() == 1 && "ec2-eu".equals(e.nodes().get(0).cloud())),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void illegalTransitionsAreRefusedNamingTheState() {
        fixture.given(added()).when(new StopServiceCommand(SVC, "x"))
                .expectException(IllegalServiceStateException.class).expectExceptionMessage(
                        "the service is INIT; stop needs it PROLOGUE, RUNNING, ADAPTING or ERROR");
        fixture.given(running()).when(new StartServiceCommand(SVC, 1))
                .expectException(IllegalServiceStateException.class).expectNoEvents();
        fixture.given(added()).when(new AddNodesCommand(SVC, 1)).expectException(IllegalServiceStateException.class);
        fixture.given(running()).when(new RemoveServiceCommand(SVC, false, "by alice"))
                .expectException(org.conpaas.kit.domain.RuleViolationException.class)
                .expectExceptionMessage("the service is RUNNING with 2 node(s); stop it first, or remove it without cascade=false"
                        + " to stop and remove it in one go")
                .expectNoEvents();
    }

    @Test
    void aServiceWithoutNodesIsRemovedAtOnce() {
        fixture.given(added()).when(new RemoveServiceCommand(SVC, false, "by alice"))
                .expectEvents(new ServiceRemoved(SVC, APP)).expectMarkedDeleted();
        Object[] stopped = concat(running(), moved("RUNNING", "EPILOGUE", "by alice"), new NodesReleased(SVC, APP, List.of(M, A1), "by alice"),
                new NodeTerminated(SVC, M), new NodeTerminated(SVC, A1), moved("EPILOGUE", "STOPPED", "every node released"));
        fixture.given(stopped).when(new RemoveServiceCommand(SVC, true, "by alice"))
                .expectEvents(new ServiceRemoved(SVC, APP)).expectMarkedDeleted();
    }

    @Test
    void removingARunningServiceStopsItAndRemovesItWhenTheLastNodeIsGone() {
        fixture.given(running()).when(new RemoveServiceCommand(SVC, true, "removed by alice"))
                .expectEvents(new ServiceRemovalStarted(SVC, APP, "removed by alice"),
                        moved("RUNNING", "EPILOGUE", "removal: removed by alice"),
                        new NodesReleased(SVC, APP, List.of(M, A1), "removed by alice"))
                .expectNotMarkedDeleted();
        Object[] removing = concat(running(), new ServiceRemovalStarted(SVC, APP, "removed by alice"),
                moved("RUNNING", "EPILOGUE", "removal: removed by alice"), new NodesReleased(SVC, APP, List.of(M, A1), "removed by alice"));
        fixture.given(removing).when(new RecordNodeTerminatedCommand(SVC, M))
                .expectEvents(new NodeTerminated(SVC, M)).expectNotMarkedDeleted();
        fixture.given(concat(removing, new NodeTerminated(SVC, M))).when(new RecordNodeFailedCommand(SVC, A1, "gone"))
                .expectEvents(new NodeFailed(SVC, A1, "gone"), moved("EPILOGUE", "STOPPED", "every node released"),
                        new ServiceRemoved(SVC, APP))
                .expectMarkedDeleted();
    }

    @Test
    void aServiceBeingRemovedRefusesEverythingElseAndIsRemovedOnce() {
        Object[] removing = concat(running(), new ServiceRemovalStarted(SVC, APP, "by alice"),
                moved("RUNNING", "EPILOGUE", "removal: by alice"), new NodesReleased(SVC, APP, List.of(M, A1), "by alice"));
        fixture.given(removing).when(new RemoveServiceCommand(SVC, true, "again")).expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(removing).when(new StopServiceCommand(SVC, "x"))
                .expectException(org.conpaas.kit.domain.RuleViolationException.class)
                .expectExceptionMessage("the service is being removed; stop is no longer possible");
    }

    @Test
    void aRemovalWhoseStopTimesOutStillEndsWithTheServiceRemovedOnceItsNodesAreGone() {
        Object[] removing = concat(running(), new ServiceRemovalStarted(SVC, APP, "by alice"),
                moved("RUNNING", "EPILOGUE", "removal: by alice"), new NodesReleased(SVC, APP, List.of(M, A1), "by alice"));
        fixture.given(removing).when(new TimeOutServiceCommand(SVC, Duration.ofMinutes(10)))
                .expectEvents(moved("EPILOGUE", "ERROR", "EPILOGUE did not finish within PT10M"));
        Object[] failed = concat(removing, moved("EPILOGUE", "ERROR", "EPILOGUE did not finish within PT10M"), new NodeTerminated(SVC, M));
        fixture.given(failed).when(new RecordNodeTerminatedCommand(SVC, A1))
                .expectEvents(new NodeTerminated(SVC, A1), moved("ERROR", "STOPPED", "every node released"), new ServiceRemoved(SVC, APP))
                .expectMarkedDeleted();
    }

    @Test
    void removingNodesKeepsTheManagerAndReturnsToRunningWhenTheyAreGone() {
        fixture.given(running()).when(new RemoveNodesCommand(SVC, 1))
                .expectEvents(moved("RUNNING", "ADAPTING", "1 node(s) to remove"),
                        new NodesReleased(SVC, APP, List.of(A1), "removed by request"));
        fixture.given(running()).when(new RemoveNodesCommand(SVC, 2)).expectException(IllegalStateException.class).expectNoEvents();
        Object[] removing = concat(running(), moved("RUNNING", "ADAPTING", "1 node(s) to remove"),
                new NodesReleased(SVC, APP, List.of(A1), "removed by request"));
        fixture.given(removing).when(new RecordNodeTerminatedCommand(SVC, A1))
                .expectEvents(new NodeTerminated(SVC, A1), moved("ADAPTING", "RUNNING", "1 node(s) running"));
    }

    @Test
    void stopReleasesEveryNodeAndStopsWhenTheLastIsGone() {
        fixture.given(running()).when(new StopServiceCommand(SVC, "by alice"))
                .expectEvents(moved("RUNNING", "EPILOGUE", "by alice"), new NodesReleased(SVC, APP, List.of(M, A1), "by alice"));
        Object[] stopping = concat(running(), moved("RUNNING", "EPILOGUE", "by alice"), new NodesReleased(SVC, APP, List.of(M, A1), "by alice"),
                new NodeTerminated(SVC, M));
        fixture.given(stopping).when(new RecordNodeTerminatedCommand(SVC, A1))
                .expectEvents(new NodeTerminated(SVC, A1), moved("EPILOGUE", "STOPPED", "every node released"));
    }

    @Test
    void aFailedNodeOfARunningServiceIsReplaced() {
        fixture.given(running()).when(new RecordNodeFailedCommand(SVC, A1, "no heartbeat"))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.<Object>exactSequenceOf(
                                org.axonframework.test.matchers.Matchers.<Object>equalTo(new NodeFailed(SVC, A1, "no heartbeat")),
                                org.axonframework.test.matchers.Matchers.<Object>equalTo(moved("RUNNING", "ADAPTING",
                                        "replacing failed node node-a1: no heartbeat")),
                                org.axonframework.test.matchers.Matchers.<Object>matches(e -> e instanceof NodesPlanned p
                                        && p.nodes().size() == 1 && p.nodes().get(0).role().equals("agent")),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void aStartThatTimesOutEndsInErrorAndReleasesItsNodes() {
        fixture.given(added(), moved("INIT", "PROLOGUE", "start"),
                        new NodesPlanned(SVC, APP, List.of(new PlannedNode(M, "manager"))))
                .when(new TimeOutServiceCommand(SVC, Duration.ofMinutes(10)))
                .expectEvents(moved("PROLOGUE", "ERROR", "PROLOGUE did not finish within PT10M"),
                        new NodesReleased(SVC, APP, List.of(M), "clean-up after error"));
        fixture.given(running()).when(new TimeOutServiceCommand(SVC, Duration.ofMinutes(10))).expectNoEvents();
    }

    @Test
    void refusedAddressesFailTheStart() {
        fixture.given(added(), moved("INIT", "PROLOGUE", "start"), new NodesPlanned(SVC, APP, List.of(new PlannedNode(M, "manager"))))
                .when(new RecordAddressesRefusedCommand(SVC, List.of(M), "exhausted"))
                .expectEvents(new NodeFailed(SVC, M, "exhausted"), moved("PROLOGUE", "ERROR", "no VPN address: exhausted"));
    }

    @Test
    void legalTransitionsFollowTheConPaaSLifecycle() {
        assertThat(ServiceState.INIT.canMoveTo(ServiceState.PROLOGUE)).isTrue();
        assertThat(ServiceState.RUNNING.canMoveTo(ServiceState.PROLOGUE)).isFalse();
        assertThat(ServiceState.STOPPED.canMoveTo(ServiceState.PROLOGUE)).isTrue();
        assertThat(ServiceState.EPILOGUE.canMoveTo(ServiceState.RUNNING)).isFalse();
        assertThat(ServiceState.ADAPTING.canMoveTo(ServiceState.RUNNING)).isTrue();
    }

    private static Object[] concat(Object[] first, Object... more) {
        Object[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
