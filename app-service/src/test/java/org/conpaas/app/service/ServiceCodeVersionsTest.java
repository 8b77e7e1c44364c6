package org.conpaas.app.service;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.conpaas.app.service.api.*;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.util.List;

/** The Service keeps at most so many code versions and bytes, pruning the oldest, never the enabled one. */
class ServiceCodeVersionsTest {

    private static final ServiceId SVC = ServiceId.of("7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6");
    private static final ApplicationId APP = ApplicationId.of("0f5c1a9e-2b7d-4c3e-8f1a-5d6e7f8a9b0c");
    private static final String SHA = "a".repeat(64);
    private static final long MB = 1L << 20;

    private FixtureConfiguration<Service> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Service.class);
        fixture.registerInjectableResource(new CodeLimits(DataSize.ofMegabytes(256), 10_000, 3, DataSize.ofMegabytes(10)));
    }

    private static ServiceAdded added() {
        return new ServiceAdded(SVC, APP, UserId.of("owner-1"), "web", "site", null);
    }

    private static ReleaseCreated released(int release, int version) {
        return new ReleaseCreated(SVC, APP, "web", release, version, java.util.Map.of(), List.of(), "/", "code version " + version + " uploaded", List.of());
    }

    private static CodeUploaded uploaded(int version, long size) {
        return new CodeUploaded(SVC, APP, version, SHA, size);
    }

    @Test
    void versionsWithinTheLimitsAreAllKept() {
        fixture.given(added(), uploaded(1, MB), uploaded(2, MB))
                .when(new RecordCodeUploadedCommand(SVC, 3, SHA, MB))
                .expectEvents(uploaded(3, MB), released(1, 3));
    }

    @Test
    void oneVersionTooManyPrunesTheOldest() {
        fixture.given(added(), uploaded(1, MB), uploaded(2, MB), uploaded(3, MB))
                .when(new RecordCodeUploadedCommand(SVC, 4, SHA, MB))
                .expectEvents(uploaded(4, MB), released(1, 4), new CodeVersionsPruned(SVC, APP, List.of(1), "more than 3 version(s) or 10 MB kept"));
    }

    @Test
    void tooManyBytesPruneOldVersionsUntilTheRestFits() {
        fixture.given(added(), uploaded(1, 4 * MB), uploaded(2, 4 * MB))
                .when(new RecordCodeUploadedCommand(SVC, 3, SHA, 5 * MB))
                .expectEvents(uploaded(3, 5 * MB), released(1, 3), new CodeVersionsPruned(SVC, APP, List.of(1), "more than 3 version(s) or 10 MB kept"));
    }

    @Test
    void theEnabledVersionIsKeptEvenWhenItAloneIsOverTheByteLimit() {
        fixture.given(added(), uploaded(1, MB), uploaded(2, MB))
                .when(new RecordCodeUploadedCommand(SVC, 3, SHA, 11 * MB))
                .expectEvents(uploaded(3, 11 * MB), released(1, 3), new CodeVersionsPruned(SVC, APP, List.of(1, 2), "more than 3 version(s) or 10 MB kept"));
    }

    @Test
    void prunedVersionsNoLongerCount() {
        fixture.given(added(), uploaded(1, MB), uploaded(2, MB), uploaded(3, MB), uploaded(4, MB),
                        new CodeVersionsPruned(SVC, APP, List.of(1), "more than 3 version(s) or 10 MB kept"))
                .when(new RecordCodeUploadedCommand(SVC, 5, SHA, MB))
                .expectEvents(uploaded(5, MB), released(1, 5), new CodeVersionsPruned(SVC, APP, List.of(2), "more than 3 version(s) or 10 MB kept"));
    }

    @Test
    void aVersionUploadedConcurrentlyIsRefused() {
        fixture.given(added(), uploaded(1, MB))
                .when(new RecordCodeUploadedCommand(SVC, 3, SHA, MB))
                .expectException(org.conpaas.kit.domain.RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void aNodesRefusalOfAKeptVersionIsRecordedOnce() {
        NodeId node = NodeId.of("node-1");
        fixture.given(added(), uploaded(1, MB), uploaded(2, MB))
                .when(new RecordCodeRefusedCommand(SVC, node, 2, "checksum mismatch"))
                .expectEvents(new CodeVersionRefused(SVC, APP, 2, node, "checksum mismatch"));
        fixture.given(added(), uploaded(1, MB), uploaded(2, MB), new CodeVersionRefused(SVC, APP, 2, node, "checksum mismatch"))
                .when(new RecordCodeRefusedCommand(SVC, NodeId.of("node-2"), 2, "checksum mismatch"))
                .expectNoEvents();
        fixture.given(added(), uploaded(1, MB), uploaded(2, MB), uploaded(3, MB), uploaded(4, MB),
                        new CodeVersionsPruned(SVC, APP, List.of(1), "more than 3 version(s) or 10 MB kept"))
                .when(new RecordCodeRefusedCommand(SVC, node, 1, "too late"))
                .expectNoEvents();
    }

    @Test
    void aFailedNodeIsNotReplacedWhenItsNodesRefuseTheEnabledVersion() {
        NodeId manager = NodeId.of("node-m");
        NodeId agent = NodeId.of("node-a");
        Object[] running = {added(), uploaded(1, MB), new ServiceStateChanged(SVC, APP, "INIT", "PROLOGUE", "start"),
                new NodesPlanned(SVC, APP, List.of(new PlannedNode(manager, "manager"), new PlannedNode(agent, "agent"))),
                new NodesAddressed(SVC, APP, UserId.of("owner-1"), "web", null,
                        List.of(new AddressedNode(manager, "manager", "172.16.0.1"), new AddressedNode(agent, "agent", "172.16.0.2"))),
                new NodeRan(SVC, manager, "local", "127.0.0.1:1"), new NodeRan(SVC, agent, "local", "127.0.0.1:2"),
                new ServiceStateChanged(SVC, APP, "PROLOGUE", "RUNNING", "2 node(s) running"),
                uploaded(2, MB), new CodeVersionRefused(SVC, APP, 2, manager, "checksum mismatch")};
        fixture.given(running)
                .when(new RecordNodeFailedCommand(SVC, agent, "the node agent reports its service failed: code version 2 refused"))
                .expectEvents(new NodeFailed(SVC, agent, "the node agent reports its service failed: code version 2 refused"),
                        new ServiceStateChanged(SVC, APP, "RUNNING", "ADAPTING",
                                "node node-a failed and is not replaced: nodes refuse code version 2; upload a version they accept"),
                        new ServiceStateChanged(SVC, APP, "ADAPTING", "RUNNING", "1 node(s) running"));
    }
}
