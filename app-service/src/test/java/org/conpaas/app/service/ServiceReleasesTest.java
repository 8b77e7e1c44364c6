package org.conpaas.app.service;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.conpaas.app.service.api.*;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.contracts.service.ServiceBinding;
import org.conpaas.kit.domain.RuleViolationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Releases (upload, enable, environment, health path, rollout ended) and the web roles of php/java nodes. */
class ServiceReleasesTest {

    private static final ServiceId SVC = ServiceId.of("7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6");
    private static final ApplicationId APP = ApplicationId.of("0f5c1a9e-2b7d-4c3e-8f1a-5d6e7f8a9b0c");
    private static final UserId OWNER = UserId.of("owner-1");
    private static final String SHA = "a".repeat(64);
    private static final NodeId M = NodeId.of("node-m");
    private static final NodeId B1 = NodeId.of("node-b1");

    private FixtureConfiguration<Service> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Service.class);
        fixture.registerInjectableResource(new CodeLimits(DataSize.ofMegabytes(256), 10_000, 10, DataSize.ofMegabytes(100)));
        fixture.registerInjectableResource(new ServiceLimits(32, 100, java.time.Duration.ofMinutes(10)));
    }

    private static ServiceAdded php() {
        return new ServiceAdded(SVC, APP, OWNER, "php", "site", null);
    }

    private static CodeUploaded uploaded(int version) {
        return new CodeUploaded(SVC, APP, version, SHA, 10);
    }

    private static ReleaseCreated release(int number, int version, Map<String, String> env, List<String> secrets, String cause) {
        return new ReleaseCreated(SVC, APP, "php", number, version, env, secrets, "/", cause, List.of());
    }

    private static Object[] twoVersions() {
        return new Object[]{php(), uploaded(1), release(1, 1, Map.of(), List.of(), "code version 1 uploaded"),
                uploaded(2), release(2, 2, Map.of(), List.of(), "code version 2 uploaded")};
    }

    @Test
    void everyUploadIsANewReleaseOfThatVersion() {
        fixture.given(php())
                .when(new RecordCodeUploadedCommand(SVC, 1, SHA, 10))
                .expectEvents(uploaded(1), release(1, 1, Map.of(), List.of(), "code version 1 uploaded"));
    }

    @Test
    void enablingAnOlderVersionIsARollbackRelease() {
        fixture.given(twoVersions())
                .when(new EnableCodeVersionCommand(SVC, 1, "alice"))
                .expectEvents(release(3, 1, Map.of(), List.of(), "code version 1 enabled (rollback) by alice"));
    }

    @Test
    void enablingTheVersionThatRunsChangesNothingAndAnUnknownOneIsRefused() {
        fixture.given(twoVersions()).when(new EnableCodeVersionCommand(SVC, 2, "alice")).expectNoEvents();
        fixture.given(twoVersions()).when(new EnableCodeVersionCommand(SVC, 7, "alice"))
                .expectException(RuleViolationException.class).expectExceptionMessage("the service keeps no code version 7; see its versions");
    }

    @Test
    void uploadsCountFromTheNewestEvenAfterARollback() {
        fixture.given(twoVersions())
                .andGiven(release(3, 1, Map.of(), List.of(), "code version 1 enabled"))
                .when(new RecordCodeUploadedCommand(SVC, 3, SHA, 10))
                .expectEvents(uploaded(3), release(4, 3, Map.of(), List.of(), "code version 3 uploaded"));
    }

    @Test
    void anEnvironmentChangeKeepsTheCodeAndNamesOnlyTheVariables() {
        fixture.given(twoVersions())
                .when(new ChangeEnvironmentCommand(SVC, Map.of("GREETING", "hello", "DB_PASSWORD", "s3cret"), List.of("DB_PASSWORD"), List.of()))
                .expectEvents(release(3, 2, Map.of("GREETING", "hello", "DB_PASSWORD", "s3cret"), List.of("DB_PASSWORD"),
                        "environment: set DB_PASSWORD, GREETING"));
        fixture.given(twoVersions())
                .andGiven(release(3, 2, Map.of("GREETING", "hello", "DB_PASSWORD", "s3cret"), List.of("DB_PASSWORD"), "environment"))
                .when(new ChangeEnvironmentCommand(SVC, Map.of(), List.of(), List.of("DB_PASSWORD")))
                .expectEvents(release(4, 2, Map.of("GREETING", "hello"), List.of(), "environment: unset DB_PASSWORD"));
    }

    @Test
    void badVariablesAreRefusedWithoutQuotingTheValue() {
        fixture.given(php()).when(new ChangeEnvironmentCommand(SVC, Map.of("CONPAAS_NODE_ID", "x"), List.of(), List.of()))
                .expectException(RuleViolationException.class).expectExceptionMessage("CONPAAS_NODE_ID: names starting with CONPAAS_ are set by the platform");
        fixture.given(php()).when(new ChangeEnvironmentCommand(SVC, Map.of("KEY", "two\nlines-secret"), List.of(), List.of()))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("the value of KEY must be one line of at most 4096 characters");
        fixture.given(php()).when(new ChangeEnvironmentCommand(SVC, Map.of(), List.of(), List.of("NOPE")))
                .expectException(RuleViolationException.class).expectExceptionMessage("no variable NOPE is set");
        assertThat(Releases.problemWith(new ChangeEnvironmentCommand(SVC, Map.of("1BAD", "v"), List.of(), List.of())))
                .startsWith("an environment variable name is letters");
    }

    @Test
    void aStoppedRolloutGivesWayToTheLastGoodReleaseAndTheNextChangeBuildsOnIt() {
        fixture.given(twoVersions())
                .andGiven(new RolloutEnded(SVC, 2, true, null, null, 2, Map.of(), List.of(), "/", List.of()),
                        uploaded(3), release(3, 3, Map.of(), List.of(), "code version 3 uploaded"))
                .when(new RecordRolloutEndedCommand(SVC, 3, false, B1, "GET / answered 500"))
                .expectEvents(new RolloutEnded(SVC, 3, false, B1, "GET / answered 500", 2, Map.of(), List.of(), "/", List.of()));
        fixture.given(twoVersions())
                .andGiven(new RolloutEnded(SVC, 2, true, null, null, 2, Map.of(), List.of(), "/", List.of()),
                        uploaded(3), release(3, 3, Map.of(), List.of(), "code version 3 uploaded"),
                        new RolloutEnded(SVC, 3, false, B1, "GET / answered 500", 2, Map.of(), List.of(), "/", List.of()))
                .when(new ChangeEnvironmentCommand(SVC, Map.of("A", "1"), List.of(), List.of()))
                .expectEvents(release(4, 2, Map.of("A", "1"), List.of(), "environment: set A"));
    }

    @Test
    void aBindingIsAReleaseThatKeepsTheCodeAndEnvironmentAndUnbindingAnother() {
        ServiceId db = ServiceId.of("3c9a1f2e-5d6b-4e7f-8a9b-0c1d2e3f4a5b");
        ServiceBinding shop = new ServiceBinding(db, "db", "site");
        ReleaseCreated bound = new ReleaseCreated(SVC, APP, "php", 3, 2, Map.of(), List.of(), "/",
                "bound to mysql service db (database site)", List.of(shop));
        fixture.given(twoVersions()).when(new BindDatabaseCommand(SVC, shop)).expectEvents(bound);
        fixture.given(twoVersions()).andGiven(bound).when(new BindDatabaseCommand(SVC, shop)).expectNoEvents();
        fixture.given(twoVersions()).andGiven(bound).when(new BindDatabaseCommand(SVC, new ServiceBinding(db, "db", "other")))
                .expectEvents(new ReleaseCreated(SVC, APP, "php", 4, 2, Map.of(), List.of(), "/",
                        "bound to mysql service db (database other)", List.of(new ServiceBinding(db, "db", "other"))));
        fixture.given(twoVersions()).andGiven(bound).when(new ChangeEnvironmentCommand(SVC, Map.of("A", "1"), List.of(), List.of()))
                .expectEvents(new ReleaseCreated(SVC, APP, "php", 4, 2, Map.of("A", "1"), List.of(), "/", "environment: set A",
                        List.of(shop)));
        fixture.given(twoVersions()).andGiven(bound).when(new UnbindDatabaseCommand(SVC, db))
                .expectEvents(new ReleaseCreated(SVC, APP, "php", 4, 2, Map.of(), List.of(), "/", "unbound from mysql service db",
                        List.of()));
        fixture.given(twoVersions()).when(new UnbindDatabaseCommand(SVC, db))
                .expectException(RuleViolationException.class).expectExceptionMessage("the service is not bound to that database service");
        fixture.given(twoVersions()).when(new BindDatabaseCommand(SVC, new ServiceBinding(db, "db", "mysql")))
                .expectException(RuleViolationException.class).expectExceptionMessage("'mysql' is MariaDB's own database: choose another name");
        fixture.given(new ServiceAdded(SVC, APP, OWNER, "generic", "w", null)).when(new BindDatabaseCommand(SVC, shop))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("a generic service cannot be bound to a database; php and java services can");
        assertThat(Releases.defaultDatabase("My-Shop.v2")).isEqualTo("my_shop_v2");
        assertThat(Releases.problemWithDatabase("Bad Name")).startsWith("a database name is 1 to 64 lower-case letters");
    }

    @Test
    void aStoppedRolloutRestoresTheBindingsOfTheLastGoodRelease() {
        ServiceBinding shop = new ServiceBinding(ServiceId.of("3c9a1f2e-5d6b-4e7f-8a9b-0c1d2e3f4a5b"), "db", "site");
        fixture.given(twoVersions())
                .andGiven(new RolloutEnded(SVC, 2, true, null, null, 2, Map.of(), List.of(), "/", List.of()),
                        new ReleaseCreated(SVC, APP, "php", 3, 2, Map.of(), List.of(), "/", "bound", List.of(shop)))
                .when(new RecordRolloutEndedCommand(SVC, 3, false, B1, "GET / answered 500"))
                .expectEvents(new RolloutEnded(SVC, 3, false, B1, "GET / answered 500", 2, Map.of(), List.of(), "/", List.of()));
    }

    @Test
    void theEndOfAnOlderReleaseOrASecondReportIsIgnored() {
        fixture.given(twoVersions())
                .when(new RecordRolloutEndedCommand(SVC, 1, true, null, null))
                .expectNoEvents();
        fixture.given(twoVersions())
                .andGiven(new RolloutEnded(SVC, 2, true, null, null, 2, Map.of(), List.of(), "/", List.of()))
                .when(new RecordRolloutEndedCommand(SVC, 2, true, null, null))
                .expectNoEvents();
    }

    @Test
    void theHealthPathIsAReleaseOfWebHostingServicesOnly() {
        fixture.given(twoVersions()).when(new SetHealthPathCommand(SVC, "/health"))
                .expectEvents(new ReleaseCreated(SVC, APP, "php", 3, 2, Map.of(), List.of(), "/health", "health check: GET /health", List.of()));
        fixture.given(new ServiceAdded(SVC, APP, OWNER, "generic", "w", null)).when(new SetHealthPathCommand(SVC, "/health"))
                .expectException(RuleViolationException.class);
    }

    @Test
    void aPhpServiceStartsWithOneNodeHoldingEveryRoleAndGrowsByRole() {
        fixture.given(php())
                .when(new StartServiceCommand(SVC, 2, List.of()))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.<Object>matches(e -> e instanceof ServiceStateChanged),
                        Matchers.<Object>matches(x -> x instanceof NodesPlanned e
                                && e.nodes().get(0).webRoles().equals(List.of("proxy", "web", "backend"))
                                && e.nodes().get(1).webRoles().equals(List.of("backend"))),
                        Matchers.andNoMore())));
        Object[] running = {php(), new ServiceStateChanged(SVC, APP, "INIT", "PROLOGUE", "start"),
                new NodesPlanned(SVC, APP, List.of(new PlannedNode(M, "manager", null, List.of("proxy", "web", "backend")))),
                new NodesAddressed(SVC, APP, OWNER, "php", null, List.of(new AddressedNode(M, "manager", "172.16.0.1", null,
                        List.of("proxy", "web", "backend")))),
                new NodeRan(SVC, M, "local", "127.0.0.1:40000"),
                new ServiceStateChanged(SVC, APP, "PROLOGUE", "RUNNING", "1 node(s) running")};
        fixture.given(running)
                .when(new AddNodesCommand(SVC, 1, List.of(), "web", null))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.<Object>matches(e -> e instanceof ServiceStateChanged s && s.reason().equals("1 web node(s) to add")),
                        Matchers.<Object>matches(x -> x instanceof NodesPlanned e && e.nodes().get(0).webRoles().equals(List.of("web"))
                                && e.nodes().get(0).role().equals("agent")),
                        Matchers.andNoMore())));
        fixture.given(running).when(new AddNodesCommand(SVC, 1, List.of(), "cache", null))
                .expectException(RuleViolationException.class).expectExceptionMessage("role must be one of [proxy, web, backend], not 'cache'");
        fixture.given(running).when(new RemoveNodesCommand(SVC, 1, "backend", null))
                .expectException(RuleViolationException.class);
    }

    @Test
    void autoscalingIsForWebHostingServicesWithinSaneBounds() {
        fixture.given(php()).when(new SetAutoscalingCommand(SVC, true, 200, 1, 5))
                .expectEvents(new AutoscalingSet(SVC, APP, true, 200, 1, 5));
        fixture.given(php()).when(new SetAutoscalingCommand(SVC, false, 0, 0, 0))
                .expectEvents(new AutoscalingSet(SVC, APP, false, 0, 0, 0));
        fixture.given(php()).when(new SetAutoscalingCommand(SVC, true, 200, 4, 2))
                .expectException(RuleViolationException.class);
        fixture.given(new ServiceAdded(SVC, APP, OWNER, "generic", "w", null)).when(new SetAutoscalingCommand(SVC, true, 200, 1, 2))
                .expectException(RuleViolationException.class).expectExceptionMessage("a generic service has no autoscaling; php and java services do");
    }

    @Test
    void aRunningPhpNodeGetsAWeightWithinBounds() {
        Object[] running = {php(), new ServiceStateChanged(SVC, APP, "INIT", "PROLOGUE", "start"),
                new NodesPlanned(SVC, APP, List.of(new PlannedNode(M, "manager", null, List.of("proxy", "web", "backend")))),
                new NodeRan(SVC, M, "local", "127.0.0.1:40000")};
        fixture.given(running).when(new SetNodeWeightCommand(SVC, M, 3)).expectEvents(new NodeWeightSet(SVC, APP, M, 3));
        fixture.given(running).when(new SetNodeWeightCommand(SVC, M, 0)).expectException(RuleViolationException.class);
        fixture.given(running).when(new SetNodeWeightCommand(SVC, B1, 2)).expectException(RuleViolationException.class)
                .expectExceptionMessage("the service has no node node-b1 that runs or is starting");
    }
}
