package org.conpaas.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.conpaas.contracts.application.ApplicationCreated;
import org.conpaas.contracts.application.ApplicationDeleted;
import org.conpaas.contracts.application.ApplicationRenamed;
import org.conpaas.contracts.certificate.CertificateIssued;
import org.conpaas.contracts.certificate.CertificateRevoked;
import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.event.IntegrationEventTypes;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.node.NodeBilled;
import org.conpaas.contracts.node.NodeCodeRefused;
import org.conpaas.contracts.node.NodeFailed;
import org.conpaas.contracts.node.NodeRequested;
import org.conpaas.contracts.node.NodeRunning;
import org.conpaas.contracts.node.NodeTerminated;
import org.conpaas.contracts.service.ServiceAddressesRequested;
import org.conpaas.contracts.service.ServiceCodeUploaded;
import org.conpaas.contracts.service.ServiceNodesReleased;
import org.conpaas.contracts.service.ServiceNodesRequested;
import org.conpaas.contracts.service.ServiceRemoved;
import org.conpaas.contracts.vpn.VpnAddressesAssigned;
import org.conpaas.contracts.vpn.VpnAddressesRefused;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.contracts.identity.UserCreditChanged;
import org.conpaas.contracts.identity.UserDisabled;
import org.conpaas.contracts.identity.UserLoginThrottled;
import org.conpaas.contracts.identity.UserSessionEnded;
import org.conpaas.contracts.identity.UserRegistered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the JSON shape of every integration event: a consumer written against the fixture in
 * src/test/resources/contracts must keep understanding what producers send. Changing a shape
 * means a new version and a new fixture, never an edit of an old one.
 */
class IntegrationEventShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final UserId USER = UserId.of("5b1f8a0e-1d2c-4f3b-9a7e-0c6d2e4f1a2b");
    private static final ServiceId SERVICE = ServiceId.of("svc-3");
    private static final NodeId NODE = NodeId.of("node-7");
    private static final ApplicationId APP = ApplicationId.of("9c2e7d41-3b5a-4e8f-a1d0-6f4b2c8e9a13");

    static Stream<IntegrationEvent> samples() {
        return Stream.of(
                new UserRegistered(header(UserRegistered.class), USER, "alice", "alice@example.org", "user", 50),
                new UserCreditChanged(header(UserCreditChanged.class), USER, -1, 49, "billing"),
                new org.conpaas.contracts.identity.UserCreditCharged(header(org.conpaas.contracts.identity.UserCreditCharged.class), USER,
                        org.conpaas.contracts.id.NodeId.of("node-7"), 1, 41),
                new UserDisabled(header(UserDisabled.class), USER, "left the project"),
                new UserSessionEnded(header(UserSessionEnded.class), USER, "3f0c2a9e-7b41-4d8e-9c5a-1e2f3a4b5c6d", "logged-out"),
                new UserLoginThrottled(header(UserLoginThrottled.class), "alice", "203.0.113.7", "username", 5, 30),
                new ApplicationCreated(header(ApplicationCreated.class), APP, USER, "shop"),
                new ApplicationRenamed(header(ApplicationRenamed.class), APP, USER, "web-shop"),
                new ApplicationDeleted(header(ApplicationDeleted.class), APP, USER),
                new CertificateIssued(header(CertificateIssued.class), "5F3A9C0E12B47D68A1C2E3F405162738", "O=ConPaaS,OU=agent,CN=node-7",
                        "agent", USER, null, NodeId.of("node-7"), ServiceId.of("svc-3"), APP, null,
                        Instant.parse("2026-11-24T10:10:30Z"), Instant.parse("2027-11-24T10:15:30Z")),
                new CertificateRevoked(header(CertificateRevoked.class), "5F3A9C0E12B47D68A1C2E3F405162738", "O=ConPaaS,OU=agent,CN=node-7",
                        "agent", USER, "keyCompromise", Instant.parse("2026-11-25T08:00:00Z")),
                new ServiceAddressesRequested(header(ServiceAddressesRequested.class), APP, SERVICE, List.of(NODE)),
                new ServiceNodesRequested(header(ServiceNodesRequested.class), APP, SERVICE, USER, "php", "local",
                        List.of(new ServiceNodesRequested.RequestedNode(NODE, "agent", "172.16.0.1", "ec2-eu", List.of("backend")))),
                new org.conpaas.contracts.service.ServiceReleaseCreated(header(org.conpaas.contracts.service.ServiceReleaseCreated.class),
                        APP, SERVICE, "php", 4, 3, Map.of("GREETING", "hello"), "/health",
                        List.of(new org.conpaas.contracts.service.ServiceBinding(SERVICE, "db", "shop"))),
                new org.conpaas.contracts.service.ServiceRolloutEnded(header(org.conpaas.contracts.service.ServiceRolloutEnded.class),
                        APP, SERVICE, 4, false, NODE, "GET /health answered 500"),
                new org.conpaas.contracts.service.ServiceLoadMeasured(header(org.conpaas.contracts.service.ServiceLoadMeasured.class),
                        APP, SERVICE, 312.5, 14.2, 2),
                new org.conpaas.contracts.service.ServiceNodeWeightSet(header(org.conpaas.contracts.service.ServiceNodeWeightSet.class),
                        APP, SERVICE, NODE, 3),
                new ServiceNodesReleased(header(ServiceNodesReleased.class), APP, SERVICE, List.of(NODE), "scaled down"),
                new ServiceCodeUploaded(header(ServiceCodeUploaded.class), APP, SERVICE, 2,
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 1024),
                new ServiceRemoved(header(ServiceRemoved.class), APP, SERVICE),
                new VpnAddressesAssigned(header(VpnAddressesAssigned.class), APP, SERVICE, "172.16.0.0/17",
                        List.of(new VpnAddressesAssigned.NodeAddress(NODE, "172.16.0.1"))),
                new VpnAddressesRefused(header(VpnAddressesRefused.class), APP, SERVICE, List.of(NODE),
                        "the service subnet has no free address"),
                new NodeRequested(header(NodeRequested.class), NODE, SERVICE, APP, USER, "agent", "local",
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Instant.parse("2026-11-24T10:45:30Z")),
                new NodeRunning(header(NodeRunning.class), NODE, SERVICE, APP, "local", "127.0.0.1:41234"),
                new NodeFailed(header(NodeFailed.class), NODE, SERVICE, APP, "did not enroll within PT5M"),
                new NodeCodeRefused(header(NodeCodeRefused.class), NODE, SERVICE, APP, 3,
                        "archive entry 'www' is a symbolic_link; only files and directories are accepted"),
                new NodeTerminated(header(NodeTerminated.class), NODE, SERVICE, APP),
                new NodeBilled(header(NodeBilled.class), NODE, SERVICE, APP, USER, 1,
                        Instant.parse("2026-11-24T10:15:30Z"), Instant.parse("2026-11-24T11:15:30Z")));
    }

    private static EventHeader header(Class<? extends IntegrationEvent> type) {
        EventType t = type.getAnnotation(EventType.class);
        return new EventHeader(UUID.fromString("00000000-0000-4000-8000-000000000001"), t.value(), t.version(),
                Instant.parse("2026-11-24T10:15:30Z"), "corr-1");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void serialisesToTheRecordedShape(IntegrationEvent event) throws Exception {
        EventType type = event.getClass().getAnnotation(EventType.class);
        String fixture = "/contracts/" + type.value() + ".v" + type.version() + ".json";
        try (InputStream in = getClass().getResourceAsStream(fixture)) {
            assertThat(in).as("fixture %s", fixture).isNotNull();
            JsonNode expected = JSON.readTree(in);
            JsonNode actual = JSON.readTree(JSON.writeValueAsString(event));
            assertThat(actual).isEqualTo(expected);
            assertThat(JSON.treeToValue(expected, event.getClass())).isEqualTo(event);
        }
    }

    @Test
    void anOlderVersionAnEventStillReadsIsASubsetOfItsShape() throws Exception {
        for (Class<? extends IntegrationEvent> c : IntegrationEventTypes.ALL) {
            EventType type = c.getAnnotation(EventType.class);
            for (int older : type.alsoReads()) {
                try (InputStream in = getClass().getResourceAsStream("/contracts/" + type.value() + ".v" + older + ".json")) {
                    assertThat(in).as("the fixture of %s v%d, kept", type.value(), older).isNotNull();
                    assertThat(JSON.readValue(in, c)).as("%s v%d read as v%d", type.value(), older, type.version()).isNotNull();
                }
            }
        }
        try (InputStream in = getClass().getResourceAsStream("/contracts/service.nodes-requested.v1.json")) {
            ServiceNodesRequested v1 = JSON.readValue(in, ServiceNodesRequested.class);
            assertThat(v1.nodes()).singleElement().satisfies(n -> assertThat(n.webRoles()).isEmpty());
        }
    }

    @Test
    void everyEventIsListedNamedAndHeaded() {
        assertThat(samples().map(Object::getClass).toList())
                .containsExactlyInAnyOrderElementsOf(IntegrationEventTypes.ALL);
        Map<String, Long> names = new java.util.HashMap<>();
        for (Class<? extends IntegrationEvent> c : IntegrationEventTypes.ALL) {
            assertThat(c.isRecord()).as("%s is a record", c).isTrue();
            assertThat(c.getAnnotation(EventType.class)).as("%s has @EventType", c).isNotNull();
            assertThat(c.getRecordComponents()[0].getType()).isEqualTo(EventHeader.class);
            names.merge(c.getAnnotation(EventType.class).value(), 1L, Long::sum);
        }
        assertThat(names.values()).as("event type names are unique").allMatch(n -> n == 1);
    }
}
