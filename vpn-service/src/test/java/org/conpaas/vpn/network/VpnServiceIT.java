package org.conpaas.vpn.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.conpaas.contracts.application.ApplicationCreated;
import org.conpaas.contracts.application.ApplicationDeleted;
import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.vpn.network.api.AllocateSubnetCommand;
import org.conpaas.vpn.network.api.AssignAddressCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.kit.bus.IntegrationEventCodec;
import org.conpaas.kit.bus.ProcessedEvents;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.conpaas.kit.test.TestTokenDecoder;
import org.conpaas.kit.test.TestTokens;
import org.springframework.context.annotation.Import;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** vpn-service consuming real app.* messages from RabbitMQ: once each, dead-lettering what it cannot read. */
@ServiceIntegrationTest
@Import(TestTokenDecoder.class)
class VpnServiceIT {

    private static final TestTokens TOKENS = TestTokens.ISSUER;


    @Autowired
    ConnectionFactory rabbit;
    @Autowired
    IntegrationEventCodec codec;
    @Autowired
    ProcessedEvents processed;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    CommandGateway commands;
    @Value("${conpaas.bus.exchange}")
    String exchange;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void appCreatedGivesTheApplicationItsNetworkOnceEvenWhenRedelivered() throws Exception {
        ApplicationId app = ApplicationId.random();
        UserId owner = UserId.random();
        ApplicationCreated created = new ApplicationCreated(header("app.created"), app, owner, "shop");
        long before = processed.count(ApplicationEventsConsumer.CONSUMER);
        send(created);
        send(created);

        await().atMost(Duration.ofSeconds(20)).until(() -> networks(app) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> processed.count(ApplicationEventsConsumer.CONSUMER) == before + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, app.value())).isEqualTo(1);

        ResponseEntity<String> mine = get("/api/apps/" + app + "/network", TOKENS.user(owner.value(), "alice"));
        assertThat(mine.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode network = json.readTree(mine.getBody());
        assertThat(network.get("network").asText()).isEqualTo("172.16.0.0/12");
        assertThat(network.get("servicesPerApplication").asLong()).isEqualTo(32);
        assertThat(network.get("agentsPerService").asLong()).isEqualTo(32767);
        assertThat(get("/api/apps/" + app + "/network", TOKENS.user(UUID.randomUUID().toString(), "bob")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        send(new ApplicationDeleted(header("app.deleted"), app, owner));
        await().atMost(Duration.ofSeconds(20)).until(() -> networks(app) == 0);
    }

    @Test
    void aServiceStartedBeforeItsApplicationsNetworkWasAllocatedGetsItsAddressesOnceItIs() throws Exception {
        ApplicationId app = ApplicationId.random();
        UserId owner = UserId.random();
        ServiceId service = ServiceId.random();
        // the two travel on different queues: the request may be handled first
        send(new org.conpaas.contracts.service.ServiceAddressesRequested(header("service.addresses-requested"), app, service,
                List.of(NodeId.of("early-1"), NodeId.of("early-2"))));
        Thread.sleep(2000);
        send(new ApplicationCreated(header("app.created"), app, owner, "quick"));

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM vpn_address WHERE application_id = ?", Long.class, app.value()) == 2);
    }

    @Test
    void twoHundredConcurrentAddressRequestsGetTwoHundredDistinctAddresses() throws Exception {
        ApplicationId app = ApplicationId.random();
        UserId owner = UserId.random();
        send(new ApplicationCreated(header("app.created"), app, owner, "busy"));
        await().atMost(Duration.ofSeconds(20)).until(() -> networks(app) == 1);
        ServiceId web = ServiceId.of("web");
        assertThat(commands.<String>sendAndWait(new AllocateSubnetCommand(app, web))).isEqualTo("172.16.0.0/17");

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            NodeId node = NodeId.of("node-" + i);
            results.add(pool.submit(() -> commands.<String>sendAndWait(new AssignAddressCommand(app, web, node))));
        }
        Set<String> addresses = new HashSet<>();
        for (Future<String> result : results) {
            addresses.add(result.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(addresses).hasSize(200).contains("172.16.0.1", "172.16.0.200");
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT address) FROM vpn_address WHERE application_id = ?",
                Long.class, app.value())).isEqualTo(200);

        JsonNode network = json.readTree(get("/api/apps/" + app + "/network", TOKENS.user(owner.value(), "alice")).getBody());
        assertThat(network.get("subnets").get(0).get("subnet").asText()).isEqualTo("172.16.0.0/17");
        assertThat(network.get("subnets").get(0).get("nodes")).hasSize(200);
    }

    @Test
    void nodesGetWireGuardConfigsThatWgQuickAccepts(@TempDir Path dir) throws Exception {
        ApplicationId app = ApplicationId.random();
        UserId owner = UserId.random();
        send(new ApplicationCreated(header("app.created"), app, owner, "mesh"));
        await().atMost(Duration.ofSeconds(20)).until(() -> networks(app) == 1);
        ServiceId web = ServiceId.of("web");
        commands.sendAndWait(new AllocateSubnetCommand(app, web));
        String token = TOKENS.user(owner.value(), "alice");
        List<WireGuardKeysForTests.Pair> keys = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            commands.sendAndWait(new AssignAddressCommand(app, web, NodeId.of("n" + i)));
            keys.add(WireGuardKeysForTests.generate());
            HttpHeaders headers = new HttpHeaders();
            headers.setBearerAuth(token);
            headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
            ResponseEntity<String> put = http.exchange("/api/apps/" + app + "/services/web/nodes/n" + i + "/wireguard",
                    HttpMethod.PUT, new HttpEntity<>("{\"publicKey\":\"" + keys.get(i - 1).publicKey()
                            + "\",\"endpoint\":\"198.51.100." + i + ":51820\"}", headers), String.class);
            assertThat(put.getStatusCode()).as(put.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        }
        // a node of another service of the application is a peer too
        ServiceId db = ServiceId.of("db");
        commands.sendAndWait(new AllocateSubnetCommand(app, db));
        String dbAddress = commands.sendAndWait(new AssignAddressCommand(app, db, NodeId.of("d1")));
        WireGuardKeysForTests.Pair dbKey = WireGuardKeysForTests.generate();
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        assertThat(http.exchange("/api/apps/" + app + "/services/db/nodes/d1/wireguard", HttpMethod.PUT,
                new HttpEntity<>("{\"publicKey\":\"" + dbKey.publicKey() + "\"}", headers), String.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        String conf = get("/api/apps/" + app + "/services/web/nodes/n1/wireguard", token).getBody();
        assertThat(conf).contains("Address = 172.16.0.1/12", "PublicKey = " + keys.get(1).publicKey(),
                "AllowedIPs = 172.16.0.3/32", "Endpoint = 198.51.100.2:51820", "PublicKey = " + dbKey.publicKey(),
                "AllowedIPs = " + dbAddress + "/32").doesNotContain(keys.get(0).publicKey());
        // a node's configuration is found under its own service only
        assertThat(get("/api/apps/" + app + "/services/db/nodes/n1/wireguard", token).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/api/apps/" + app + "/services/web/nodes/n1/wireguard", TOKENS.user(UUID.randomUUID().toString(), "bob"))
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        // what the node does: add its own private key, then hand the file to wg-quick
        Path file = dir.resolve("wg0.conf");
        Files.writeString(file, conf.replace("[Interface]\n", "[Interface]\nPrivateKey = " + keys.get(0).privateKey() + "\n"));
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/wg-quick")),
                "wg-quick is missing: apt-get install wireguard-tools (.ci/run installs it)");
        Process strip = new ProcessBuilder("wg-quick", "strip", file.toString()).redirectErrorStream(true).start();
        String stripped = new String(strip.getInputStream().readAllBytes());
        assertThat(strip.waitFor()).as(stripped).isZero();
        assertThat(stripped).contains("PrivateKey = " + keys.get(0).privateKey()).doesNotContain("Address");
    }

    @Test
    void aMessageThatCannotBeReadIsRetriedThenDeadLettered() {
        RabbitAdmin admin = new RabbitAdmin(rabbit);
        String dlq = exchange + ".vpn-service.dlq";
        MessageProperties props = new MessageProperties();
        props.setHeader(IntegrationEventCodec.TYPE_HEADER, "app.created");
        props.setHeader(IntegrationEventCodec.VERSION_HEADER, 1);
        props.setContentType("application/json");
        new RabbitTemplate(rabbit).send(exchange, "app.created",
                new org.springframework.amqp.core.Message("{\"not\":\"an event\"".getBytes(), props));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Properties q = admin.getQueueProperties(dlq);
            return q != null && ((Number) q.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).intValue() == 1;
        });
    }

    private long networks(ApplicationId app) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM vpn_network WHERE application_id = ?", Long.class, app.value());
        return n == null ? 0 : n;
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
        new RabbitTemplate(rabbit).send(exchange, event.header().type(),
                new org.springframework.amqp.core.Message(message.getPayload(), props));
    }

    private static EventHeader header(String type) {
        return new EventHeader(UUID.randomUUID(), type, 1, Instant.now(), "test");
    }

    private ResponseEntity<String> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }
}
