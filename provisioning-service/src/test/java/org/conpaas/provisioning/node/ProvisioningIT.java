package org.conpaas.provisioning.node;

import org.conpaas.provisioning.node.api.NodeTerminated;

import org.conpaas.provisioning.node.api.NodeBilled;

import org.conpaas.provisioning.node.api.NodeRunning;

import org.conpaas.provisioning.node.api.NodeRequested;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.contracts.identity.UserCreditCharged;
import org.conpaas.contracts.service.ServiceNodesReleased;
import org.conpaas.contracts.service.ServiceNodesRequested;
import org.conpaas.contracts.service.ServiceNodesRequested.RequestedNode;
import org.conpaas.kit.bus.IntegrationEventCodec;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.conpaas.provisioning.cloud.CloudNode;
import org.conpaas.provisioning.cloud.CloudTags;
import org.conpaas.provisioning.cloud.Clouds;
import org.conpaas.provisioning.cloud.NodeBootstrap;
import org.conpaas.provisioning.cloud.NodeLaunch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * provisioning-service on real RabbitMQ and PostgreSQL with its local cloud starting real
 * node-agent processes: nodes requested by app-service start, announce their enrollment token to
 * cert-service, and end without leaving a process behind when released, killed or orphaned.
 */
@ServiceIntegrationTest
@org.springframework.context.annotation.Import(org.conpaas.kit.test.TestTokenDecoder.class)
class ProvisioningIT {

    @Autowired
    org.springframework.boot.test.web.client.TestRestTemplate http;
    @Autowired
    ConnectionFactory rabbit;
    @Autowired
    IntegrationEventCodec codec;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clouds clouds;
    @Autowired
    Heartbeats heartbeats;
    @Autowired
    NodeProjection projection;
    @Autowired
    NodeQueries queries;
    @Value("${conpaas.bus.exchange}")
    String exchange;
    @Value("${conpaas.clouds.definitions.local.work-dir}")
    String workDir;

    private Queue published;

    @BeforeEach
    void listen() {
        RabbitAdmin admin = new RabbitAdmin(rabbit);
        published = new AnonymousQueue();
        admin.declareQueue(published);
        admin.declareBinding(BindingBuilder.bind(published).to(new TopicExchange(exchange)).with("node.*"));
    }

    @org.junit.jupiter.api.AfterEach
    void leaveNoProcess() {
        // a failed assertion must not leave node-agent processes running past the test
        clouds.driver("local").listOurs().forEach(n -> clouds.driver("local").terminate(n.instanceId()));
    }

    @Test
    void requestedNodesRunAsAgentProcessesAndReleasedOnesLeaveNothingBehind() {
        ServiceId service = ServiceId.random();
        ApplicationId app = ApplicationId.random();
        NodeId manager = NodeId.random();
        NodeId agent = NodeId.random();
        send(new ServiceNodesRequested(header("service.nodes-requested"), app, service, UserId.random(), "generic", null,
                List.of(new RequestedNode(manager, "manager", "172.16.0.1"), new RequestedNode(agent, "agent", "172.16.0.2"))));

        await().atMost(Duration.ofSeconds(30)).until(() -> "BOOTING".equals(state(manager)) && "BOOTING".equals(state(agent)));
        List<CloudNode> running = clouds.driver("local").listOurs();
        assertThat(running).extracting(CloudNode::nodeId).contains(manager.value(), agent.value());
        assertThat(running).filteredOn(n -> n.nodeId().equals(agent.value()))
                .allSatisfy(n -> assertThat(n.tags()).containsEntry(CloudTags.SERVICE, service.value()).containsEntry(CloudTags.ROLE, "agent"));
        String instance = jdbc.queryForObject("SELECT instance_id FROM node WHERE id = ?", String.class, manager.value());
        long pid = pidOf(instance);
        assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        List<String> announced = receive(2, manager, agent);
        assertThat(announced).allSatisfy(json -> assertThat(json).contains("\"type\":\"node.requested\"")
                .containsPattern("\"enrollmentTokenSha256\":\"[0-9a-f]{64}\""));

        send(new ServiceNodesReleased(header("service.nodes-released"), app, service, List.of(manager, agent), "stopped by test"));
        await().atMost(Duration.ofSeconds(40)).until(() -> "TERMINATED".equals(state(manager)) && "TERMINATED".equals(state(agent)));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(clouds.driver("local").listOurs()).extracting(CloudNode::nodeId).doesNotContain(manager.value(), agent.value());
        assertThat(receive(2, manager, agent)).allSatisfy(json -> assertThat(json).contains("\"type\":\"node.terminated\""));
    }

    @Test
    void aHeartbeatWhoseLogTailDidNotChangeWritesNoLogTail() {
        NodeId node = NodeId.random();
        requestOne(node, "local", "172.16.0.12");
        await().atMost(Duration.ofSeconds(30)).until(() -> "BOOTING".equals(state(node)));
        receive(1, node);
        // 4 KB that do not compress: kept out of line, in the node table's TOAST chunks
        String tail = new java.util.Random(7).ints(4096, '!', '~' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        heartbeats.record(node, new Heartbeats.Report("STARTING", "starting", tail, null, null, null));
        long written = newestLogTailChunk();

        heartbeats.record(node, new Heartbeats.Report("STARTING", "still starting", tail, null, null, null));
        assertThat(newestLogTailChunk()).as("no TOAST chunk written for an unchanged tail").isEqualTo(written);
        assertThat(jdbc.queryForObject("SELECT agent_detail FROM node WHERE id = ?", String.class, node.value()))
                .isEqualTo("still starting");

        String longer = tail.substring(40) + "\n2026-12-07 a new line of forty letters";
        heartbeats.record(node, new Heartbeats.Report("STARTING", "still starting", longer, null, null, null));
        assertThat(newestLogTailChunk()).isGreaterThan(written);
        assertThat(jdbc.queryForObject("SELECT log_tail FROM node WHERE id = ?", String.class, node.value())).isEqualTo(longer);
    }

    @Test
    void aRunningNodeIsDueForBillingOnlyWhenItsPaidPeriodIsOver() {
        NodeId node = NodeId.random();
        ServiceId service = ServiceId.random();
        ApplicationId app = ApplicationId.random();
        UserId owner = UserId.random();
        Instant running = Instant.parse("2026-12-07T10:00:00Z");
        projection.on(new NodeRequested(node, service, app, owner, "agent", "generic", "local", "172.16.0.13"), running.minusSeconds(30));
        projection.on(new NodeRunning(node, service, app, "local", "127.0.0.1"), running);
        assertThat(queries.billingDue(running)).extracting(NodeView::id).contains(node.value());

        projection.on(new NodeBilled(node, service, app, owner, 1, running, running.plus(Duration.ofHours(1))));
        assertThat(queries.billingDue(running.plus(Duration.ofMinutes(59)))).extracting(NodeView::id).doesNotContain(node.value());
        assertThat(queries.billingDue(running.plus(Duration.ofHours(1)))).extracting(NodeView::id).contains(node.value());

        projection.on(new NodeTerminated(node, service, app), running.plus(Duration.ofMinutes(70)));
        assertThat(queries.billingDue(running.plus(Duration.ofHours(2)))).extracting(NodeView::id).doesNotContain(node.value());
    }

    /** The transaction id that wrote the newest chunk of the node table's out-of-line values. */
    private long newestLogTailChunk() {
        String toast = jdbc.queryForObject("SELECT reltoastrelid::regclass::text FROM pg_class WHERE oid = 'node'::regclass", String.class);
        return jdbc.queryForObject("SELECT coalesce(max(xmin::text::bigint), 0) FROM " + toast, Long.class);
    }

    @Test
    void aKilledNodeProcessMakesItsNodeFailedAndReported() {
        ServiceId service = ServiceId.random();
        NodeId node = NodeId.random();
        send(new ServiceNodesRequested(header("service.nodes-requested"), ApplicationId.random(), service, UserId.random(),
                "generic", "local", List.of(new RequestedNode(node, "agent", "172.16.0.9"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> "BOOTING".equals(state(node)));
        receive(1, node);
        long pid = pidOf(jdbc.queryForObject("SELECT instance_id FROM node WHERE id = ?", String.class, node.value()));
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).until(() -> "TERMINATED".equals(state(node)) || "FAILED".equals(state(node)));
        assertThat(jdbc.queryForObject("SELECT detail FROM node WHERE id = ?", String.class, node.value()))
                .contains("its cloud reports the instance");
        assertThat(receive(1, node)).singleElement().asString().contains("\"type\":\"node.failed\"");
    }

    @Test
    void anInstanceTaggedAsOursThatNoNodeOwnsIsTerminated() {
        NodeId stranger = NodeId.random();
        CloudNode orphan = clouds.driver("local").create(new NodeLaunch(stranger, ServiceId.random(), ApplicationId.random(),
                new NodeBootstrap("https://127.0.0.1:9", null, "token", stranger.value(), "svc", "app", "agent", null),
                Map.of(CloudTags.NODE, stranger.value())));
        long pid = pidOf(orphan.instanceId());

        await().atMost(Duration.ofSeconds(40)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        assertThat(clouds.driver("local").listOurs()).extracting(CloudNode::nodeId).doesNotContain(stranger.value());
    }

    @Test
    void aNodeOnACloudThatDoesNotExistFailsWithItsName() {
        NodeId node = NodeId.random();
        requestOne(node, "mars", "172.16.0.3");
        await().atMost(Duration.ofSeconds(30)).until(() -> "TERMINATED".equals(state(node)));
        assertThat(jdbc.queryForObject("SELECT detail FROM node WHERE id = ?", String.class, node.value()))
                .contains("no cloud 'mars' is configured");
    }

    @Test
    void aNodeShowsAsBilledExactlyWhatItsOwnersCreditPaid() {
        NodeId node = NodeId.random();
        UserId owner = UserId.random();
        send(new ServiceNodesRequested(header("service.nodes-requested"), ApplicationId.random(), ServiceId.random(), owner,
                "generic", "mars", List.of(new RequestedNode(node, "agent", "172.16.0.4"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> "TERMINATED".equals(state(node)));
        UserCreditCharged paid = new UserCreditCharged(header("user.credit-charged"), owner, node, 2, 3);
        send(paid);
        send(paid); // redelivered: counted once
        send(new UserCreditCharged(header("user.credit-charged"), owner, node, 1, 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> billed(node) == 3);
        // a billing period the credit did not pay is never announced, so it adds nothing
        send(new UserCreditCharged(header("user.credit-charged"), owner, node, 0, 0));
        NodeId probe = NodeId.random();
        send(new ServiceNodesRequested(header("service.nodes-requested"), ApplicationId.random(), ServiceId.random(), owner,
                "generic", "mars", List.of(new RequestedNode(probe, "agent", "172.16.0.5"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> "TERMINATED".equals(state(probe)));
        assertThat(billed(node)).isEqualTo(3);
    }

    @Test
    void onlyAnAdministratorReadsACloudsHealthDetail() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var user = json.readTree(org.conpaas.kit.test.ApiCalls.call(http, org.springframework.http.HttpMethod.GET, "/api/clouds",
                org.conpaas.kit.test.TestTokens.ISSUER.user(UUID.randomUUID().toString(), "alice"), null).getBody());
        var admin = json.readTree(org.conpaas.kit.test.ApiCalls.call(http, org.springframework.http.HttpMethod.GET, "/api/clouds",
                org.conpaas.kit.test.TestTokens.ISSUER.admin(UUID.randomUUID().toString(), "admin"), null).getBody());
        assertThat(user.findValuesAsText("detail")).isNotEmpty().allMatch(d -> d.equals("available") || d.equals("not available now"));
        assertThat(user.toString()).doesNotContain("nodes in use");
        assertThat(admin.toString()).contains("local nodes in use");
    }

    /** One generic agent node of a new service, on {@code cloud}. */
    private void requestOne(NodeId node, String cloud, String vpnAddress) {
        send(new ServiceNodesRequested(header("service.nodes-requested"), ApplicationId.random(), ServiceId.random(), UserId.random(),
                "generic", cloud, List.of(new RequestedNode(node, "agent", vpnAddress))));
    }

    private long billed(NodeId node) {
        return jdbc.queryForObject("SELECT billed_credits FROM node WHERE id = ?", Long.class, node.value());
    }

    private String state(NodeId node) {
        return jdbc.queryForList("SELECT state FROM node WHERE id = ?", String.class, node.value()).stream().findFirst().orElse(null);
    }

    private long pidOf(String instanceId) {
        try {
            return Long.parseLong(java.nio.file.Files.readString(java.nio.file.Path.of(workDir, instanceId, "pid")).trim());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The next {@code count} node.* events about these nodes (other tests' events are skipped). */
    private List<String> receive(int count, NodeId... about) {
        RabbitTemplate template = new RabbitTemplate(rabbit);
        List<String> bodies = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Message m = template.receive(published.getName());
            String body = m == null ? null : new String(m.getBody(), StandardCharsets.UTF_8);
            if (body != null && java.util.Arrays.stream(about).anyMatch(n -> body.contains(n.value()))) {
                bodies.add(body);
            }
            return bodies.size() >= count;
        });
        return bodies;
    }

    private void send(IntegrationEvent event) {
        var message = codec.encode(event);
        MessageProperties props = new MessageProperties();
        message.getHeaders().forEach((k, v) -> {
            if (v != null && !k.equals("id") && !k.equals("timestamp")) {
                props.setHeader(k, v);
            }
        });
        props.setContentType("application/json");
        new RabbitTemplate(rabbit).send(exchange, event.header().type(), new Message(message.getPayload(), props));
    }

    private static EventHeader header(String type) {
        return new EventHeader(UUID.randomUUID(), type, 1, Instant.now(), "test");
    }
}
