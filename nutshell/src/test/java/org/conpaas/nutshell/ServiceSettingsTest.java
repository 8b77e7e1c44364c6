package org.conpaas.nutshell;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceSettingsTest {

    private static final List<ServiceSpec> PLAN = ServiceSpec.plan(8080, 18080, "conpaas_");
    private static final Database DB = new Database("jdbc:postgresql://127.0.0.1:54329/postgres", "postgres", "pg-secret");
    private static final URI AMQP = URI.create("amqp://conpaas:broker-secret@127.0.0.1:56729/");

    @Test
    void aServiceGetsItsDatabaseTheBrokerAndTheKeysOfIdentity() {
        ServiceSettings app = ServiceSettings.of(PLAN.get(1), PLAN, DB, AMQP, "conpaas.events", "admin-secret", List.of());
        assertThat(app.arguments()).containsExactly(
                "--server.port=18082",
                "--server.address=127.0.0.1",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:54329/conpaas_app",
                "--spring.datasource.username=postgres",
                "--conpaas.security.certificate-authority-url=http://127.0.0.1:18084",
                "--spring.rabbitmq.host=127.0.0.1",
                "--spring.rabbitmq.port=56729",
                "--spring.rabbitmq.username=conpaas",
                "--spring.rabbitmq.virtual-host=/",
                "--conpaas.bus.exchange=conpaas.events",
                "--conpaas.security.jwks-uri=http://127.0.0.1:18081/.well-known/jwks.json");
        assertThat(app.environment()).containsOnlyKeys("SPRING_DATASOURCE_PASSWORD", "SPRING_RABBITMQ_PASSWORD")
                .containsEntry("SPRING_RABBITMQ_PASSWORD", "broker-secret");
    }

    @Test
    void secretsStayOutOfTheCommandLine() {
        for (ServiceSpec spec : PLAN) {
            ServiceSettings s = ServiceSettings.of(spec, PLAN, DB, AMQP, "conpaas.events", "admin-secret", List.of());
            assertThat(String.join(" ", s.arguments())).doesNotContain("secret");
        }
        ServiceSettings identity = ServiceSettings.of(PLAN.get(0), PLAN, DB, AMQP, "x", "admin-secret", List.of());
        assertThat(identity.environment()).containsEntry("CONPAAS_IDENTITY_ADMIN_PASSWORD", "admin-secret");
    }

    @Test
    void onlyIdentityServiceGetsTheSigningKeyPassphraseAndOnlyInItsEnvironment() {
        for (ServiceSpec spec : PLAN) {
            ServiceSettings s = ServiceSettings.of(spec, PLAN, DB, AMQP, "x", "admin-secret", List.of())
                    .withSigningKeyPassphrase(spec, "passphrase-of-the-keys");
            assertThat(String.join(" ", s.arguments())).doesNotContain("passphrase-of-the-keys");
            if (spec.name().equals("identity")) {
                assertThat(s.environment()).containsEntry("CONPAAS_IDENTITY_SIGNINGKEY_PASSPHRASE", "passphrase-of-the-keys");
            } else {
                assertThat(s.environment()).doesNotContainKey("CONPAAS_IDENTITY_SIGNINGKEY_PASSPHRASE");
            }
        }
    }

    @Test
    void theGatewayListensForClientsAndKnowsEveryService() {
        ServiceSettings gateway = ServiceSettings.of(PLAN.get(5), PLAN, DB, AMQP, "conpaas.events", "a", List.of("--x.y=1"));
        assertThat(gateway.arguments()).containsExactly(
                "--server.port=8080",
                "--server.address=0.0.0.0",
                "--management.server.port=18080",
                "--management.server.address=127.0.0.1",
                "--management.server.ssl.enabled=false",
                "--conpaas.gateway.identity=http://127.0.0.1:18081",
                "--conpaas.gateway.app=http://127.0.0.1:18082",
                "--conpaas.gateway.vpn=http://127.0.0.1:18083",
                "--conpaas.gateway.cert=http://127.0.0.1:18084",
                "--conpaas.gateway.provisioning=http://127.0.0.1:18085",
                // the dashboard's live events
                "--spring.rabbitmq.host=127.0.0.1",
                "--spring.rabbitmq.port=56729",
                "--spring.rabbitmq.username=conpaas",
                "--spring.rabbitmq.virtual-host=/",
                "--conpaas.bus.exchange=conpaas.events",
                "--conpaas.security.jwks-uri=http://127.0.0.1:18081/.well-known/jwks.json",
                "--x.y=1");
        assertThat(gateway.environment()).containsOnlyKeys("SPRING_RABBITMQ_PASSWORD");
    }

    @Test
    void readsTheAmqpUriAsItsSpecSays() {
        assertThat(ServiceSettings.virtualHost(URI.create("amqp://h"))).isEqualTo("/");
        assertThat(ServiceSettings.virtualHost(URI.create("amqp://h/"))).isEqualTo("/");
        assertThat(ServiceSettings.virtualHost(URI.create("amqp://h/conpaas"))).isEqualTo("conpaas");
        assertThat(ServiceSettings.virtualHost(URI.create("amqp://h/%2Fprod"))).isEqualTo("/prod");
        ServiceSettings s = ServiceSettings.of(PLAN.get(2), PLAN, DB, URI.create("amqp://u%40x:p%3Aw@mq"), "e", "a", List.of());
        assertThat(s.arguments()).contains("--spring.rabbitmq.username=u@x", "--spring.rabbitmq.port=5672");
        assertThat(s.environment()).containsEntry("SPRING_RABBITMQ_PASSWORD", "p:w");
        ServiceSettings guest = ServiceSettings.of(PLAN.get(2), PLAN, DB, URI.create("amqp://mq:5673"), "e", "a", List.of());
        assertThat(guest.arguments()).contains("--spring.rabbitmq.username=guest", "--spring.rabbitmq.port=5673");
    }

    @Test
    void theGatewayServesHttpsWithTheDirectorCertificateCertServiceKeeps() {
        java.nio.file.Path data = java.nio.file.Path.of("/data");
        assertThat(ServiceSettings.tls(PLAN.get(3), data, "https://conpaas.example.org:8080", false))
                .containsExactly("--conpaas.public-url=https://conpaas.example.org:8080", "--conpaas.ca.director-dir=/data/director");
        assertThat(ServiceSettings.tls(PLAN.get(5), data, "https://conpaas.example.org:8080", false))
                .containsExactly("--conpaas.gateway.tls.director-dir=/data/director");
        assertThat(ServiceSettings.tls(PLAN.get(5), data, "http://h:8080", true)).containsExactly("--conpaas.gateway.tls.enabled=false");
        assertThat(PLAN.get(0).name()).isEqualTo("identity");
        assertThat(ServiceSettings.tls(PLAN.get(0), data, "https://h:8080", false)).containsExactly("--conpaas.public-url=https://h:8080");
        assertThat(ServiceSettings.tls(PLAN.get(1), data, "https://h:8080", false)).isEmpty();
    }

    @Test
    void provisioningGetsTheLocalCloudOfThisCheckout() {
        assertThat(ServiceSettings.localCloud(PLAN, java.nio.file.Path.of("/repo"), java.nio.file.Path.of("/data"), "https://h:8080",
                        List.of(54329, 56729)))
                .contains("--conpaas.clouds.definitions.local.driver=local",
                        "--conpaas.clouds.definitions.local.fenced-ports=18081,18082,18083,18084,18085,54329,56729",
                        "--conpaas.clouds.definitions.local.node-agent-jar=/repo/node-agent/target/node-agent-2.0.0-SNAPSHOT.jar",
                        "--conpaas.clouds.definitions.local.work-dir=/data/nodes",
                        "--conpaas.clouds.definitions.local.node-home=" + LocalNodeHomes.root(java.nio.file.Path.of("/data")),
                        "--conpaas.nodes.public-url=https://h:8080",
                        "--conpaas.nodes.ca-certificate-url=http://127.0.0.1:18084/api/ca/certificate");
    }
}
