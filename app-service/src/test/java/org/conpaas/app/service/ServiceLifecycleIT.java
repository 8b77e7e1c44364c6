package org.conpaas.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.contracts.identity.UserCreditChanged;
import org.conpaas.contracts.node.NodeFailed;
import org.conpaas.contracts.node.NodeRunning;
import org.conpaas.contracts.node.NodeTerminated;
import org.conpaas.contracts.vpn.VpnAddressesAssigned;
import org.conpaas.contracts.vpn.VpnAddressesAssigned.NodeAddress;
import org.conpaas.kit.bus.IntegrationEventCodec;
import org.conpaas.kit.test.BusProbe;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.conpaas.kit.test.TestTokenDecoder;
import org.conpaas.kit.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.conpaas.kit.test.ApiCalls.assertProblem;
import static org.conpaas.kit.test.ApiCalls.call;

/**
 * app-service on real PostgreSQL and RabbitMQ, the other services played through the broker: a
 * service walks start → add nodes → remove nodes → stop with the states and node lists the
 * lifecycle gives, asking vpn-service and provisioning-service by event and moving on their answers.
 */
@ServiceIntegrationTest
@Import(TestTokenDecoder.class)
class ServiceLifecycleIT {

    private static final TestTokens TOKENS = TestTokens.ISSUER;

    @Autowired
    TestRestTemplate http;
    @Autowired
    ConnectionFactory rabbit;
    @Autowired
    IntegrationEventCodec codec;
    @Value("${conpaas.bus.exchange}")
    String exchange;

    private final ObjectMapper json = new ObjectMapper();
    private final String alice = UUID.randomUUID().toString();
    private final String token = TOKENS.user(alice, "alice");
    private BusProbe bus;
    private String app;

    @BeforeEach
    void setUp() throws Exception {
        bus = new BusProbe(rabbit, codec, exchange, "service.*");
        app = json.readTree(call(http, HttpMethod.POST, "/api/apps", token, "{\"name\":\"shop\"}").getBody()).get("id").asText();
    }

    @AfterEach
    void tearDown() {
        bus.close();
    }

    @Test
    void aServiceWalksThroughStartScaleAndStop() throws Exception {
        ResponseEntity<String> added = call(http, HttpMethod.POST, base(), token, "{\"type\":\"generic\",\"name\":\"workers\"}");
        assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String svc = json.readTree(added.getBody()).get("id").asText();
        assertThat(json.readTree(added.getBody()).get("state").asText()).isEqualTo("INIT");

        assertProblem(call(http, HttpMethod.POST, base() + "/" + svc + "/stop", token, null), HttpStatus.CONFLICT,
                "the service is INIT; stop needs it");

        ResponseEntity<String> started = call(http, HttpMethod.POST, base() + "/" + svc + "/start", token, "{\"nodes\":2}");
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(json.readTree(started.getBody()).get("state").asText()).isEqualTo("PROLOGUE");
        assertProblem(call(http, HttpMethod.POST, base() + "/" + svc + "/start", token, "{\"nodes\":1}"), HttpStatus.CONFLICT,
                "the service is PROLOGUE");

        List<NodeId> nodes = nodeIds(bus.receive(1, "service.addresses-requested", svc).get(0));
        assertThat(nodes).hasSize(2);
        answerAddresses(svc, nodes, 1);
        String requested = bus.receive(1, "service.nodes-requested", svc).get(0);
        assertThat(requested).contains("\"role\":\"manager\"", "\"role\":\"agent\"", "\"vpnAddress\":\"172.16.0.1\"",
                "\"serviceType\":\"generic\"", "\"ownerId\":\"" + alice + "\"");
        running(svc, nodes);
        awaitState(svc, "RUNNING");
        JsonNode service = show(svc);
        assertThat(service.get("nodes")).hasSize(2);
        assertThat(service.get("nodes").get(0).get("role").asText()).isEqualTo("manager");
        assertThat(service.get("nodes").get(0).get("vpnAddress").asText()).isEqualTo("172.16.0.1");
        assertThat(service.get("nodes").get(1).get("address").asText()).isEqualTo("127.0.0.1:" + 2);

        call(http, HttpMethod.POST, base() + "/" + svc + "/nodes", token, "{\"count\":2}");
        awaitState(svc, "ADAPTING");
        List<NodeId> added2 = nodeIds(bus.receive(1, "service.addresses-requested", svc).get(0));
        answerAddresses(svc, added2, 3);
        bus.receive(1, "service.nodes-requested", svc);
        running(svc, added2);
        awaitState(svc, "RUNNING");
        assertThat(show(svc).get("nodes")).hasSize(4);

        call(http, HttpMethod.POST, base() + "/" + svc + "/nodes/remove", token, "{\"count\":3}");
        awaitState(svc, "ADAPTING");
        String released = bus.receive(1, "service.nodes-released", svc).get(0);
        assertThat(nodeIds(released)).containsExactlyInAnyOrder(added2.get(1), added2.get(0), nodes.get(1))
                .doesNotContain(nodes.get(0));
        terminated(svc, nodeIds(released));
        awaitState(svc, "RUNNING");
        assertThat(show(svc).get("nodes")).hasSize(4);
        assertThat(activeNodes(svc)).hasSize(1);

        call(http, HttpMethod.POST, base() + "/" + svc + "/stop", token, null);
        awaitState(svc, "EPILOGUE");
        assertThat(nodeIds(bus.receive(1, "service.nodes-released", svc).get(0))).containsExactly(nodes.get(0));
        terminated(svc, List.of(nodes.get(0)));
        awaitState(svc, "STOPPED");
        JsonNode history = show(svc).get("history");
        List<String> states = new ArrayList<>();
        history.forEach(h -> states.add(h.get("to").asText()));
        assertThat(states).containsExactly("PROLOGUE", "RUNNING", "ADAPTING", "RUNNING", "ADAPTING", "RUNNING", "EPILOGUE", "STOPPED");

        assertThat(call(http, HttpMethod.DELETE, base() + "/" + svc, token, null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(bus.receive(1, "service.removed", svc)).hasSize(1);
        assertThat(call(http, HttpMethod.GET, base() + "/" + svc, token, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void removingARunningServiceStopsItFirstOrIsRefusedWithoutCascade() throws Exception {
        String svc = add("generic");
        List<NodeId> nodes = startRunning(svc, 2);

        assertProblem(call(http, HttpMethod.DELETE, base() + "/" + svc + "?cascade=false", token, null), HttpStatus.CONFLICT,
                "the service is RUNNING with 2 node(s); stop it first");
        assertProblem(call(http, HttpMethod.DELETE, base() + "/" + svc + "?cascade=maybe", token, null), HttpStatus.BAD_REQUEST,
                "cascade must be true or false, not 'maybe'");
        assertThat(show(svc).get("state").asText()).isEqualTo("RUNNING");

        ResponseEntity<String> removing = call(http, HttpMethod.DELETE, base() + "/" + svc, token, null);
        assertThat(removing.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(json.readTree(removing.getBody()).get("removing").asBoolean()).isTrue();
        assertThat(json.readTree(removing.getBody()).get("state").asText()).isEqualTo("EPILOGUE");
        assertThat(nodeIds(bus.receive(1, "service.nodes-released", svc).get(0))).containsExactlyInAnyOrderElementsOf(nodes);
        assertProblem(call(http, HttpMethod.POST, base() + "/" + svc + "/start", token, "{\"nodes\":1}"), HttpStatus.CONFLICT,
                "the service is being removed");

        terminated(svc, nodes);
        assertThat(bus.receive(1, "service.removed", svc)).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                call(http, HttpMethod.GET, base() + "/" + svc, token, null).getStatusCode() == HttpStatus.NOT_FOUND);
    }

    @Test
    void deletingAnApplicationStopsAndRemovesItsServicesThenDeletesIt() throws Exception {
        String workers = add("generic");
        String idle = add("web");
        List<NodeId> nodes = startRunning(workers, 3);
        try (BusProbe apps = new BusProbe(rabbit, codec, exchange, "app.deleted")) {
            assertProblem(call(http, HttpMethod.DELETE, "/api/apps/" + app + "?cascade=false", token, null), HttpStatus.CONFLICT,
                    "the application's services 'generic' (RUNNING) still run; stop them first");

            ResponseEntity<String> deleting = call(http, HttpMethod.DELETE, "/api/apps/" + app, token, null);
            assertThat(deleting.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(json.readTree(deleting.getBody()).get("state").asText()).isEqualTo("DELETING");
            assertThat(call(http, HttpMethod.GET, base() + "/" + idle, token, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(nodeIds(bus.receive(1, "service.nodes-released", workers).get(0))).containsExactlyInAnyOrderElementsOf(nodes);
            assertProblem(call(http, HttpMethod.POST, base(), token, "{\"type\":\"generic\",\"name\":\"late\"}"),
                    HttpStatus.CONFLICT, "the application is being deleted");
            assertProblem(call(http, HttpMethod.PATCH, "/api/apps/" + app, token, "{\"name\":\"other\"}"), HttpStatus.CONFLICT,
                    "being deleted");
            assertThat(json.readTree(call(http, HttpMethod.GET, "/api/apps/" + app, token, null).getBody()).get("state").asText())
                    .isEqualTo("DELETING");

            terminated(workers, nodes);
            assertThat(apps.receive(1, "app.deleted", app)).hasSize(1);
            assertThat(call(http, HttpMethod.GET, "/api/apps/" + app, token, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(bus.receive(2, "service.removed", app)).hasSize(2);
        }
    }

    @Test
    void anApplicationWhoseServicesAreAtRestIsDeletedAtOnceEvenWithoutCascade() throws Exception {
        add("generic");
        assertThat(call(http, HttpMethod.DELETE, "/api/apps/" + app + "?cascade=false", token, null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(call(http, HttpMethod.GET, "/api/apps/" + app, token, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private List<NodeId> startRunning(String svc, int count) throws Exception {
        call(http, HttpMethod.POST, base() + "/" + svc + "/start", token, "{\"nodes\":" + count + "}");
        List<NodeId> nodes = nodeIds(bus.receive(1, "service.addresses-requested", svc).get(0));
        answerAddresses(svc, nodes, 1);
        bus.receive(1, "service.nodes-requested", svc);
        running(svc, nodes);
        awaitState(svc, "RUNNING");
        return nodes;
    }

    @Test
    void aNodeThatFailsWhileStartingPutsTheServiceInErrorAndReleasesTheRest() throws Exception {
        String svc = add("generic");
        call(http, HttpMethod.POST, base() + "/" + svc + "/start", token, "{\"nodes\":2}");
        List<NodeId> nodes = nodeIds(bus.receive(1, "service.addresses-requested", svc).get(0));
        answerAddresses(svc, nodes, 1);
        bus.receive(1, "service.nodes-requested", svc);
        bus.send(new NodeFailed(header("node.failed"), nodes.get(0), ServiceId.of(svc), ApplicationId.of(app), "did not enroll"));
        awaitState(svc, "ERROR");
        assertThat(nodeIds(bus.receive(1, "service.nodes-released", svc).get(0))).containsExactly(nodes.get(1));
        assertThat(show(svc).get("history").get(1).get("reason").asText()).contains("did not enroll");
    }

    @Test
    void anOwnerWithoutCreditCannotStartAndLosingItStopsRunningServices() throws Exception {
        String svc = add("web");
        call(http, HttpMethod.POST, base() + "/" + svc + "/start", token, "{\"nodes\":1}");
        List<NodeId> nodes = nodeIds(bus.receive(1, "service.addresses-requested", svc).get(0));
        answerAddresses(svc, nodes, 1);
        bus.receive(1, "service.nodes-requested", svc);
        running(svc, nodes);
        awaitState(svc, "RUNNING");

        bus.send(new UserCreditChanged(header("user.credit-changed"), UserId.of(alice), -5, 0, "billing"));
        awaitState(svc, "EPILOGUE");
        assertThat(show(svc).get("history").get(2).get("reason").asText()).contains("ran out of credit");
        terminated(svc, nodes);
        awaitState(svc, "STOPPED");
        assertProblem(call(http, HttpMethod.POST, base() + "/" + svc + "/start", token, "{\"nodes\":1}"), HttpStatus.CONFLICT,
                "no credit left");
    }

    @Test
    void codeIsUploadedVersionedChecksummedAndAnnounced() throws Exception {
        String svc = add("web");
        byte[] site = zip("index.html", "<h1>hello</h1>");
        ResponseEntity<String> uploaded = upload(svc, site);
        assertThat(uploaded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(site));
        assertThat(json.readTree(uploaded.getBody()).get("sha256").asText()).isEqualTo(sha);
        assertThat(json.readTree(uploaded.getBody()).get("version").asInt()).isEqualTo(1);
        assertThat(bus.receive(1, "service.code-uploaded", svc).get(0)).contains("\"version\":1", sha);
        assertThat(json.readTree(upload(svc, zip("index.html", "v2")).getBody()).get("version").asInt()).isEqualTo(2);

        ResponseEntity<byte[]> fetched = http.exchange(base() + "/" + svc + "/code", HttpMethod.GET, new HttpEntity<>(auth()), byte[].class);
        assertThat(fetched.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(fetched.getHeaders().getFirst("X-Code-Version")).isEqualTo("2");
        assertThat(fetched.getHeaders().getFirst("X-Code-Checksum")).isEqualTo("sha256=" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(fetched.getBody())));

        assertProblem(uploadRaw(svc, "not an archive".getBytes()), HttpStatus.BAD_REQUEST, "zip or a gzip-compressed tar");
        assertThat(show(svc).get("codeVersion").asInt()).isEqualTo(2);
    }

    @Test
    void badRequestsGetClearProblems() throws Exception {
        assertProblem(call(http, HttpMethod.POST, base(), token, "{\"type\":\"cobol\"}"), HttpStatus.BAD_REQUEST, "type must be one of");
        assertProblem(call(http, HttpMethod.POST, base(), token, "{\"type\":\"php\"}"), HttpStatus.BAD_REQUEST,
                "cloud 'local' cannot run a php service: its nodes lack nginx, PHP-FPM and memcached");
        assertProblem(call(http, HttpMethod.POST, base(), token, "{\"type\":\"generic\",\"cloud\":\"mars\"}"), HttpStatus.BAD_REQUEST,
                "cloud must be one of");
        String svc = add("generic");
        assertProblem(call(http, HttpMethod.POST, base(), token, "{\"type\":\"generic\"}"), HttpStatus.CONFLICT, "named 'generic' already");
        assertProblem(call(http, HttpMethod.POST, base() + "/" + svc + "/start", token, "{\"nodes\":0}"), HttpStatus.BAD_REQUEST,
                "nodes must be between 1 and");
        assertProblem(call(http, HttpMethod.POST, base() + "/" + svc + "/nodes", token, "{\"count\":1}"), HttpStatus.CONFLICT,
                "the service is INIT; adding nodes needs it RUNNING");
        String bob = TOKENS.user(UUID.randomUUID().toString(), "bob");
        assertThat(call(http, HttpMethod.GET, base() + "/" + svc, bob, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(http, HttpMethod.POST, base() + "/" + svc + "/start", bob, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        JsonNode catalog = json.readTree(call(http, HttpMethod.GET, "/api/catalog", token, null).getBody());
        List<String> types = new ArrayList<>();
        catalog.forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsExactly("generic", "web", "php", "java", "mysql");
    }

    private String add(String type) throws Exception {
        ResponseEntity<String> added = call(http, HttpMethod.POST, base(), token, "{\"type\":\"" + type + "\"}");
        return added.getStatusCode() == HttpStatus.CREATED ? json.readTree(added.getBody()).get("id").asText() : null;
    }

    private void answerAddresses(String svc, List<NodeId> nodes, int first) {
        List<NodeAddress> addresses = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            addresses.add(new NodeAddress(nodes.get(i), "172.16.0." + (first + i)));
        }
        bus.send(new VpnAddressesAssigned(header("vpn.addresses-assigned"), ApplicationId.of(app), ServiceId.of(svc), "172.16.0.0/17",
                addresses));
    }

    private void running(String svc, List<NodeId> nodes) {
        for (int i = 0; i < nodes.size(); i++) {
            bus.send(new NodeRunning(header("node.running"), nodes.get(i), ServiceId.of(svc), ApplicationId.of(app), "local",
                    "127.0.0.1:" + (i + 1)));
        }
    }

    private void terminated(String svc, List<NodeId> nodes) {
        nodes.forEach(n -> bus.send(new NodeTerminated(header("node.terminated"), n, ServiceId.of(svc), ApplicationId.of(app))));
    }

    private List<NodeId> nodeIds(String event) throws Exception {
        JsonNode root = json.readTree(event);
        List<NodeId> ids = new ArrayList<>();
        JsonNode list = root.has("nodeIds") ? root.get("nodeIds") : root.get("nodes");
        list.forEach(n -> ids.add(NodeId.of(n.isTextual() ? n.asText() : n.get("nodeId").asText())));
        return ids;
    }

    private List<JsonNode> activeNodes(String svc) throws Exception {
        List<JsonNode> active = new ArrayList<>();
        show(svc).get("nodes").forEach(n -> {
            if (!List.of("TERMINATED", "FAILED").contains(n.get("state").asText())) {
                active.add(n);
            }
        });
        return active;
    }

    private void awaitState(String svc, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> state.equals(show(svc).get("state").asText()));
    }

    private JsonNode show(String svc) throws Exception {
        return json.readTree(call(http, HttpMethod.GET, base() + "/" + svc, token, null).getBody());
    }

    private String base() {
        return "/api/apps/" + app + "/services";
    }

    private HttpHeaders auth() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return headers;
    }

    private ResponseEntity<String> upload(String svc, byte[] archive) {
        return uploadRaw(svc, archive);
    }

    private ResponseEntity<String> uploadRaw(String svc, byte[] body) {
        HttpHeaders headers = auth();
        headers.set(HttpHeaders.CONTENT_TYPE, "application/zip");
        return http.exchange(base() + "/" + svc + "/code", HttpMethod.PUT, new HttpEntity<>(body, headers), String.class);
    }

    private static byte[] zip(String name, String content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes());
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static EventHeader header(String type) {
        return new EventHeader(UUID.randomUUID(), type, 1, Instant.now(), "test");
    }
}
