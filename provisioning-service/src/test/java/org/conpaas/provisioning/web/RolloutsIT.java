package org.conpaas.provisioning.web;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.service.ServiceBinding;
import org.conpaas.contracts.service.ServiceReleaseCreated;
import org.conpaas.provisioning.database.DatabaseBindings;
import org.conpaas.provisioning.database.DatabaseReport;
import org.conpaas.provisioning.database.GaleraClusters;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollout of a php service's release over a proxy and three backends, on the real database:
 * the agents' reports are written as heartbeats would write them, and each step is driven by hand
 * (the scheduled run is off). One backend at a time leaves the proxy's members, switches once the
 * proxy applied that and rejoins healthy; a release whose health check fails stops at its first
 * backend, which goes back, and app-service is told why (service.rollout-ended on RabbitMQ).
 */
@ServiceIntegrationTest
@TestPropertySource(properties = {"conpaas.web.rollout-interval=1h", "conpaas.web.drain=0s", "conpaas.web.health-grace=0s"})
@org.springframework.context.annotation.Import(org.conpaas.kit.test.TestTokenDecoder.class)
class RolloutsIT {

    @Autowired
    Rollouts rollouts;
    @Autowired
    WebHosting hosting;
    @Autowired
    ServiceReleases releases;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DatabaseBindings bindings;
    @Autowired
    GaleraClusters galera;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ConnectionFactory rabbit;
    @Value("${conpaas.bus.exchange}")
    String exchange;

    private final String service = ServiceId.random().value();
    private final ApplicationId app = ApplicationId.random();
    private final String proxy = "px-" + UUID.randomUUID();
    private final List<String> backends = List.of("b1-" + UUID.randomUUID(), "b2-" + UUID.randomUUID(), "b3-" + UUID.randomUUID());
    private Queue published;

    @BeforeEach
    void setUp() {
        published = new AnonymousQueue();
        RabbitAdmin admin = new RabbitAdmin(rabbit);
        admin.declareQueue(published);
        admin.declareBinding(BindingBuilder.bind(published).to(new TopicExchange(exchange)).with("service.rollout-ended"));
        node(proxy, "proxy,web", 0);
        for (int i = 0; i < backends.size(); i++) {
            node(backends.get(i), "backend", i + 1);
        }
        release(1, 1);
        // every node starts on release 1 and reports healthy; the proxy applies what it is told
        for (String node : all()) {
            assertThat(hosting.answer(node, service)).hasValueSatisfying(a -> assertThat(a.release()).isEqualTo(1));
        }
        agentsReport(1, true);
        step();
        assertThat(ended()).singleElement().asString().contains("\"release\":1").contains("\"rolledOut\":true");
        assertThat(members().backends()).hasSize(3);
    }

    @Test
    void aHealthyReleaseRollsOverTheBackendsOneAtATime() {
        release(2, 2);
        List<Integer> servingDuringRollout = new ArrayList<>();
        for (int round = 0; round < 40 && ended().isEmpty(); round++) {
            step();
            ProxyMembers members = members();
            servingDuringRollout.add(members.backends().size());
            proxyApplies(members);
            // a backend told release 2 switches and passes its check
            for (String b : backends) {
                Integer assigned = jdbc.queryForObject("SELECT assigned_release FROM node WHERE id = ?", Integer.class, b);
                report(b, assigned, true);
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM node WHERE service_id = ? AND assigned_release = 2 AND running_release = 1",
                    Integer.class, service)).as("at most one backend between releases").isLessThanOrEqualTo(1);
        }
        assertThat(servingDuringRollout).as("never fewer than two of three backends serve").allMatch(n -> n >= 2);
        assertThat(jdbc.queryForList("SELECT assigned_release FROM node WHERE service_id = ?", Integer.class, service)).containsOnly(2);
        assertThat(members().backends()).hasSize(3);
    }

    @Test
    void aReleaseBoundToADatabaseWaitsForTheBindingsAccountThenItsBackendsGetTheVariables() {
        String db = ServiceId.random().value();
        String dbNode = "db-" + UUID.randomUUID();
        jdbc.update("""
                        INSERT INTO node (id, service_id, application_id, owner_id, role, service_type, cloud, state, requested_at, state_since,
                                          host, db_member, ports)
                        VALUES (?, ?, ?, 'owner', 'manager', 'mysql', 'local', 'RUNNING', now(), now(), '127.0.0.1', true, '{"mysql":3307}')""",
                dbNode, db, app.value());
        List<ServiceBinding> bound = List.of(new ServiceBinding(ServiceId.of(db), "shop-db", "site"));
        releases.record(new ServiceReleaseCreated(new EventHeader(UUID.randomUUID(), "service.release-created", 2, Instant.now(), "c"),
                app, ServiceId.of(service), "php", 2, 1, Map.of("GREETING", "bound"), "/", bound));
        bindings.follow(service, bound);
        for (int round = 0; round < 3; round++) {
            step();
        }
        assertThat(jdbc.queryForList("SELECT assigned_release FROM node WHERE service_id = ?", Integer.class, service))
                .as("no backend switches before the account is made").containsOnly(1);
        String late = "late-" + UUID.randomUUID();
        node(late, "backend", 9);
        assertThat(hosting.answer(late, service)).hasValueSatisfying(a -> assertThat(a.release())
                .as("a node started meanwhile runs the last release that rolled out, not one without its account").isEqualTo(1));
        jdbc.update("DELETE FROM node WHERE id = ?", late);

        GaleraClusters.Answer applier = galera.answer(dbNode, db);
        assertThat(applier.accounts()).singleElement().satisfies(a -> {
            assertThat(a.user()).startsWith("cpb_");
            assertThat(a.database()).isEqualTo("site");
        });
        galera.report(dbNode, db, new DatabaseReport(Map.of("mysql", 3307), true, "Synced", 1, null, applier.accountsHash()));
        for (int round = 0; round < 40 && ended().isEmpty(); round++) {
            step();
            proxyApplies(members());
            for (String b : backends) {
                report(b, jdbc.queryForObject("SELECT assigned_release FROM node WHERE id = ?", Integer.class, b), true);
            }
        }
        assertThat(jdbc.queryForList("SELECT assigned_release FROM node WHERE service_id = ?", Integer.class, service)).containsOnly(2);
        Map<String, String> environment = hosting.answer(backends.get(0), service).orElseThrow().environment();
        DatabaseBindings.Account account = applier.accounts().get(0);
        assertThat(environment).containsEntry("GREETING", "bound").containsEntry("CONPAAS_MYSQL_HOST", "127.0.0.1")
                .containsEntry("CONPAAS_MYSQL_PORT", "3307").containsEntry("CONPAAS_MYSQL_HOSTS", "127.0.0.1:3307")
                .containsEntry("CONPAAS_MYSQL_DATABASE", "site").containsEntry("CONPAAS_MYSQL_USER", account.user())
                .containsEntry("CONPAAS_MYSQL_PASSWORD", account.password()).containsEntry("CONPAAS_MYSQL_SHOP_DB_USER", account.user());
        assertThat(galera.answer(dbNode, db).accounts()).as("in place: not sent again").isNull();

        bindings.follow(service, List.of());
        assertThat(galera.answer(dbNode, db).accounts()).as("unbound: the list without it, so the node drops it").isEmpty();
        bindings.forget(db);
    }

    @Test
    void aWeightTheOwnerGaveChangesTheMembersAndTheirHash() {
        ProxyMembers before = members();
        jdbc.update("UPDATE node SET weight = 5 WHERE id = ?", backends.get(1));
        ProxyMembers after = members();
        assertThat(after.backends()).filteredOn(m -> m.node().equals(backends.get(1))).singleElement()
                .satisfies(m -> assertThat(m.weight()).isEqualTo(5));
        assertThat(after.hash()).as("the proxies hear of it").isNotEqualTo(before.hash());
    }

    @Test
    void aReleaseWhoseHealthCheckFailsStopsAtItsFirstBackendWhichGoesBack() {
        release(2, 2);
        String failing = null;
        for (int round = 0; round < 20 && failing == null; round++) {
            step();
            proxyApplies(members());
            for (String b : backends) {
                Integer assigned = jdbc.queryForObject("SELECT assigned_release FROM node WHERE id = ?", Integer.class, b);
                if (assigned == 2) {
                    failing = b;
                    jdbc.update("UPDATE node SET running_release = 2, healthy = false, health_detail = 'GET / answered 500' WHERE id = ?", b);
                }
            }
        }
        assertThat(failing).isNotNull();
        step();
        assertThat(ended()).singleElement().asString().contains("\"release\":2").contains("\"rolledOut\":false")
                .contains("GET / answered 500").contains(failing);
        assertThat(jdbc.queryForObject("SELECT assigned_release FROM node WHERE id = ?", Integer.class, failing)).isEqualTo(1);
        step();
        assertThat(jdbc.queryForList("SELECT assigned_release FROM node WHERE service_id = ?", Integer.class, service)).containsOnly(1);
        // a node added now is told the release that runs, not the stopped one
        node("b4-" + UUID.randomUUID(), "backend", 9);
        String added = jdbc.queryForObject("SELECT id FROM node WHERE service_id = ? AND id LIKE 'b4-%'", String.class, service);
        assertThat(hosting.answer(added, service)).hasValueSatisfying(a -> assertThat(a.release()).isEqualTo(1));
    }

    private void step() {
        transactions.executeWithoutResult(tx -> rollouts.step(service));
    }

    private List<String> all() {
        List<String> all = new ArrayList<>(backends);
        all.add(0, proxy);
        return all;
    }

    private ProxyMembers members() {
        return ProxyMembers.of(jdbc.query("SELECT id FROM node WHERE service_id = ?", (rs, n) -> rs.getString(1), service).isEmpty()
                ? List.of() : new WebNodesView(jdbc).running(service));
    }

    private void proxyApplies(ProxyMembers members) {
        jdbc.update("UPDATE node SET members_hash = ? WHERE id = ?", members.hash(), proxy);
    }

    private void agentsReport(int release, boolean healthy) {
        for (String node : all()) {
            report(node, release, healthy);
        }
        proxyApplies(members());
    }

    private void report(String node, int release, boolean healthy) {
        boolean backend = backends.contains(node);
        hosting.report(node, new WebReport(backend ? Map.of("backend", 40001) : Map.of("proxy", 40000, "web", 40002, "sessions", 40003),
                release, backend ? healthy : null, backend ? "GET / answered 200" : null,
                jdbc.queryForObject("SELECT members_hash FROM node WHERE id = ?", String.class, node), null, null));
    }

    private void node(String id, String roles, int order) {
        jdbc.update("""
                        INSERT INTO node (id, service_id, application_id, owner_id, role, service_type, cloud, state, requested_at, state_since,
                                          web_roles, host)
                        VALUES (?, ?, ?, 'owner', ?, 'php', 'local', 'RUNNING', ?, ?, ?, '127.0.0.1')""",
                id, service, app.value(), order == 0 ? "manager" : "agent", Timestamp.from(Instant.now().plusSeconds(order)),
                Timestamp.from(Instant.now()), roles);
    }

    private void release(int release, int codeVersion) {
        releases.record(new ServiceReleaseCreated(new EventHeader(UUID.randomUUID(), "service.release-created", 1, Instant.now(), "c"),
                app, ServiceId.of(service), "php", release, codeVersion, Map.of("GREETING", "hello " + release), "/", List.of()));
    }

    /** The service.rollout-ended events published for this service since the last call (waits briefly for them). */
    private List<String> ended() {
        RabbitTemplate template = new RabbitTemplate(rabbit);
        List<String> messages = new ArrayList<>();
        long until = System.currentTimeMillis() + 700;
        while (System.currentTimeMillis() < until) {
            Message m = template.receive(published.getName());
            if (m == null) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                continue;
            }
            String body = new String(m.getBody(), StandardCharsets.UTF_8);
            if (body.contains(service)) {
                messages.add(body);
            }
        }
        return messages;
    }

    /** Reads the nodes as the rollout does (WebNodes is package-private to the feature: the test lives in it). */
    private record WebNodesView(JdbcTemplate jdbc) {
        List<WebNode> running(String service) {
            return new WebNodes(jdbc, new org.conpaas.provisioning.store.PortsColumn(new com.fasterxml.jackson.databind.ObjectMapper())).runningOf(service);
        }
    }
}
