package org.conpaas.nutshell;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NutshellOptionsTest {

    @Test
    void hasDefaultsThatWorkOnOneMachine() {
        NutshellOptions o = NutshellOptions.parse(new String[]{"up"});
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.servicePorts()).isEqualTo(18080);
        assertThat(o.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".conpaas", "nutshell"));
        assertThat(o.dbUrl()).isNull();
        assertThat(o.amqpUrl()).isNull();
        assertThat(o.exchange()).isEqualTo("conpaas.events");
        assertThat(o.dbPrefix()).isEqualTo("conpaas_");
        assertThat(o.pgPort()).isEqualTo(54329);
        assertThat(o.amqpPort()).isEqualTo(56729);
        assertThat(o.startupTimeout()).isEqualTo(java.time.Duration.ofMinutes(4));
    }

    @Test
    void movesTheEmbeddedInfrastructureAndTheTimeout() {
        NutshellOptions o = NutshellOptions.parse(new String[]{"up", "--pg-port", "15432", "--amqp-port", "15672",
                "--startup-timeout", "600", "--data-dir", "rel/dir"});
        assertThat(o.pgPort()).isEqualTo(15432);
        assertThat(o.amqpPort()).isEqualTo(15672);
        assertThat(o.startupTimeout()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(o.dataDir()).isAbsolute().endsWithRaw(Path.of("rel", "dir"));
        assertThat(NutshellOptions.parse(new String[]{"status", "--port", "9090"}).port()).isEqualTo(9090);
    }

    @Test
    void takesTheMachinesInfrastructureAndSettings() {
        NutshellOptions o = NutshellOptions.parse(new String[]{"up", "--port", "9000", "--db-url",
                "jdbc:postgresql://127.0.0.1:5432/postgres", "--amqp-url", "amqp://guest:guest@127.0.0.1:5672/",
                "--db-prefix", "e2e_1_", "--set", "conpaas.identity.default-credit=10"});
        assertThat(o.port()).isEqualTo(9000);
        assertThat(o.amqpUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(o.dbPrefix()).isEqualTo("e2e_1_");
        assertThat(o.extra()).containsExactly("--conpaas.identity.default-credit=10");
    }

    @Test
    void saysWhatToFixInOneLine() {
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{})).hasMessageContaining("up, down or status");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"start"})).hasMessageContaining("unknown command 'start'");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--port"})).hasMessage("--port needs a value");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--port", "99999"})).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--db-url", "postgres://x"})).hasMessageContaining("jdbc:postgresql://");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--amqp-url", "http://x"})).hasMessageContaining("amqp://");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--db-prefix", "Bad-Prefix"})).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--port", "18082"})).hasMessageContaining("collides");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--frobnicate", "1"})).hasMessage("unknown option '--frobnicate'");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--pg-port", "18083"})).hasMessageContaining("--pg-port 18083 collides");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--amqp-port", "8080"})).hasMessageContaining("must differ");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--startup-timeout", "1"})).hasMessageContaining("10..3600");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--service-ports", "65533"})).hasMessageContaining("no room");
        for (Throwable t : List.of(catchIt(new String[]{"up", "--port", "x"}))) {
            assertThat(t.getMessage()).doesNotContain("\n");
        }
    }

    @Test
    void plansEveryServiceWithItsOwnPortAndDatabase() {
        List<ServiceSpec> plan = ServiceSpec.plan(8080, 18080, "conpaas_");
        assertThat(plan).extracting(ServiceSpec::name).containsExactly("identity", "app", "vpn", "cert", "provisioning", "gateway");
        assertThat(plan).extracting(ServiceSpec::port).containsExactly(18081, 18082, 18083, 18084, 18085, 8080);
        assertThat(plan.get(1).database()).isEqualTo("conpaas_app");
        assertThat(plan.get(5).isGateway()).isTrue();
    }

    private static Throwable catchIt(String[] args) {
        try {
            NutshellOptions.parse(args);
            throw new AssertionError("expected a usage error");
        } catch (NutshellOptions.UsageException e) {
            return e;
        }
    }

    @Test
    void servesHttpsForThePublicHostUnlessPlainHttpIsAsked() {
        assertThat(NutshellOptions.parse(new String[]{"up"}).publicUrl()).isEqualTo("https://127.0.0.1:8080");
        assertThat(NutshellOptions.parse(new String[]{"up", "--public-host", "conpaas.example.org", "--port", "8443"}).publicUrl())
                .isEqualTo("https://conpaas.example.org:8443");
        assertThat(NutshellOptions.parse(new String[]{"up", "--plain-http", "--port", "9000"}).publicUrl()).isEqualTo("http://127.0.0.1:9000");
        assertThat(NutshellOptions.parse(new String[]{"up", "--public-host", "::1"}).publicUrl()).isEqualTo("https://[::1]:8080");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--public-host", "a b"})).hasMessageContaining("--public-host");
    }
}
