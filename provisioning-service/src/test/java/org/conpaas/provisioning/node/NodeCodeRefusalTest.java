package org.conpaas.provisioning.node;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.provisioning.cloud.Clouds;
import org.conpaas.provisioning.node.api.*;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.Optional;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A node agent's refusal of a code version: recorded once per version by the Node, sent on by Heartbeats. */
class NodeCodeRefusalTest {

    private static final NodeId NODE = NodeId.of("node-7");
    private static final ServiceId SVC = ServiceId.of("svc-3");
    private static final ApplicationId APP = ApplicationId.of("app-1");

    private FixtureConfiguration<Node> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Node.class);
    }

    private static Object[] running() {
        return new Object[]{new NodeRequested(NODE, SVC, APP, UserId.of("owner-1"), "agent", "web", "local", "172.16.0.2"),
                new NodeLaunched(NODE, "local", "i-1"), new NodeEnrolled(NODE, "5F3A"),
                new NodeRunning(NODE, SVC, APP, "local", "127.0.0.1:8081")};
    }

    @Test
    void aRefusedVersionIsRecordedOncePerVersion() {
        fixture.given(running())
                .when(new RecordCodeRefusedCommand(NODE, 2, "checksum mismatch"))
                .expectEvents(new NodeCodeRefused(NODE, SVC, APP, 2, "checksum mismatch"));
        Object[] refusedOnce = java.util.stream.Stream.concat(java.util.Arrays.stream(running()),
                java.util.stream.Stream.of(new NodeCodeRefused(NODE, SVC, APP, 2, "checksum mismatch"))).toArray();
        fixture.given(refusedOnce)
                .when(new RecordCodeRefusedCommand(NODE, 2, "checksum mismatch"))
                .expectNoEvents();
        fixture.given(refusedOnce)
                .when(new RecordCodeRefusedCommand(NODE, 3, "an entry escapes the code directory"))
                .expectEvents(new NodeCodeRefused(NODE, SVC, APP, 3, "an entry escapes the code directory"));
    }

    @Test
    void aNodeThatIsGoneRecordsNoRefusal() {
        fixture.given(new NodeRequested(NODE, SVC, APP, UserId.of("owner-1"), "agent", "web", "local", null),
                        new NodeTerminated(NODE, SVC, APP))
                .when(new RecordCodeRefusedCommand(NODE, 2, "checksum mismatch"))
                .expectNoEvents();
    }

    private static org.conpaas.provisioning.web.WebHosting noWebHosting() {
        org.conpaas.provisioning.web.WebHosting web = mock(org.conpaas.provisioning.web.WebHosting.class);
        when(web.answer(any(), any())).thenReturn(Optional.empty());
        return web;
    }

    @Test
    void heartbeatsSendTheRefusalBeforeTheFailure() {
        NodeQueries queries = mock(NodeQueries.class);
        CommandGateway commands = mock(CommandGateway.class);
        when(queries.find(NODE)).thenReturn(Optional.of(new NodeView(NODE.value(), SVC.value(), APP.value(), "owner-1", "agent", "web",
                "local", null, "RUNNING", null, null, null, Instant.EPOCH, Instant.EPOCH, null, null, null, null, 0)));
        when(queries.codeVersionOf(SVC.value())).thenReturn(Optional.of(2));
        Heartbeats heartbeats = new Heartbeats(queries, mock(JdbcTemplate.class), commands, mock(Clouds.class), noWebHosting(), mock(org.conpaas.provisioning.logs.NodeLogs.class),
                mock(org.conpaas.provisioning.database.GaleraClusters.class));

        heartbeats.record(NODE, new Heartbeats.Report("FAILED", "code version 2 refused: checksum mismatch", "", null, 2L,
                "checksum mismatch"));

        InOrder order = inOrder(commands);
        order.verify(commands).sendAndWait(new RecordCodeRefusedCommand(NODE, 2, "checksum mismatch"));
        order.verify(commands).sendAndWait(new RecordHeartbeatCommand(NODE, "FAILED", "code version 2 refused: checksum mismatch", null));
    }

    @Test
    void onlyARefusalOfTheVersionNodesAreToldToRunIsSent() {
        NodeQueries queries = mock(NodeQueries.class);
        CommandGateway commands = mock(CommandGateway.class);
        when(queries.find(NODE)).thenReturn(Optional.of(new NodeView(NODE.value(), SVC.value(), APP.value(), "owner-1", "agent", "web",
                "local", null, "RUNNING", null, null, null, Instant.EPOCH, Instant.EPOCH, null, null, null, null, 0)));
        when(queries.codeVersionOf(SVC.value())).thenReturn(Optional.of(3));
        Heartbeats heartbeats = new Heartbeats(queries, mock(JdbcTemplate.class), commands, mock(Clouds.class), noWebHosting(), mock(org.conpaas.provisioning.logs.NodeLogs.class),
                mock(org.conpaas.provisioning.database.GaleraClusters.class));
        heartbeats.record(NODE, new Heartbeats.Report("RUNNING", "code version 1: serving", "", 8081, null, null));
        // a refusal of a version the node is no longer told to run (or never was) is not recorded
        heartbeats.record(NODE, new Heartbeats.Report("RUNNING", "code version 1: serving", "", 8081, 2L, "checksum mismatch"));
        heartbeats.record(NODE, new Heartbeats.Report("RUNNING", "code version 1: serving", "", 8081, 999_999L, "made up"));
        verify(commands, never()).sendAndWait(any(RecordCodeRefusedCommand.class));
    }
}
