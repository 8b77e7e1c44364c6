package org.conpaas.provisioning.cloud.docker;

import org.conpaas.provisioning.cloud.InvalidCloudSettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wrong docker settings are all named at once, in words, before any call to an engine. */
class DockerCloudDriverFactoryTest {

    private final DockerCloudDriverFactory factory = new DockerCloudDriverFactory();

    @TempDir
    Path dir;

    @Test
    void answersToDriverDocker() {
        assertThat(factory.driver()).isEqualTo("docker");
    }

    @Test
    void defaultsWorkOnTheLocalEngine() {
        DockerSettings settings = DockerSettings.from("docker", Map.of());

        assertThat(settings.host()).hasToString("unix:///var/run/docker.sock");
        assertThat(settings.tlsCertPath()).isNull();
        assertThat(settings.image()).isEqualTo("conpaas/node:latest");
        assertThat(settings.network()).isEqualTo("conpaas-nodes");
        assertThat(settings.subnet().cidr()).isEqualTo("10.213.0.0/24");
        assertThat(settings.subnet().gateway()).isEqualTo("10.213.0.1");
        assertThat(settings.cpus()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(settings.memoryMb()).isEqualTo(512);
        assertThat(settings.directorUrl()).isNull();
    }

    @Test
    void readsEverySetting() throws IOException {
        for (String file : new String[]{"ca.pem", "cert.pem", "key.pem"}) {
            Files.writeString(dir.resolve(file), "pem");
        }
        DockerSettings settings = DockerSettings.from("remote", Map.of("host", "tcp://docker.example.org:2376",
                "tls-cert-path", dir.toString(), "image", "registry.example.org:5000/conpaas/node:2.0.0", "network", "nodes_b",
                "subnet", "172.20.8.0/22", "cpus", "0.5", "memory", " 256 ", "director-url", "https://172.20.8.1:8443"));

        assertThat(settings.host()).hasToString("tcp://docker.example.org:2376");
        assertThat(settings.tlsCertPath()).isEqualTo(dir);
        assertThat(settings.image()).isEqualTo("registry.example.org:5000/conpaas/node:2.0.0");
        assertThat(settings.network()).isEqualTo("nodes_b");
        assertThat(settings.subnet().gateway()).isEqualTo("172.20.8.1");
        assertThat(settings.subnet().contains("172.20.11.254")).isTrue();
        assertThat(settings.subnet().contains("172.20.12.1")).isFalse();
        assertThat(settings.cpus()).isEqualByComparingTo("0.5");
        assertThat(settings.memoryMb()).isEqualTo(256);
        assertThat(settings.directorUrl()).hasToString("https://172.20.8.1:8443");
    }

    @Test
    void namesEveryWrongSetting() {
        Map<String, String> wrong = Map.ofEntries(Map.entry("host", "docker.example.org:2375"), Map.entry("image", "Conpaas Node"),
                Map.entry("network", "my nodes"), Map.entry("subnet", "10.213.0.1/24"), Map.entry("cpus", "-1"),
                Map.entry("memory", "1G"), Map.entry("director-url", "http://10.213.0.1:8080"), Map.entry("mem", "512"));

        assertThatThrownBy(() -> factory.create("docker", "conpaas", wrong))
                .isInstanceOfSatisfying(InvalidCloudSettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "host must be unix:///path/to/docker.sock or tcp://host:port, not 'docker.example.org:2375'",
                        "image must be an image reference such as conpaas/node:latest, not 'Conpaas Node'",
                        "network must be a Docker network name (letters, digits, '.', '_' or '-'), not 'my nodes'",
                        "subnet 10.213.0.1/24 has host bits set: its network is 10.213.0.0/24",
                        "cpus must be a positive number of CPUs such as 1 or 0.5, not '-1'",
                        "memory must be a whole number of MB, 128 or more, not '1G'",
                        "director-url must be an https URL such as https://10.213.0.1:8443, not 'http://10.213.0.1:8080'",
                        "unknown settings [mem] (known: [cpus, director-url, host, image, memory, network, subnet, tls-cert-path])"))
                .hasMessageStartingWith("cloud 'docker': host must be");
    }

    @Test
    void aSubnetMustBePrivateAndOfAUsefulSize() {
        for (String subnet : new String[]{"8.8.0.0/16", "10.0.0.0/8", "192.168.1.0/30", "10.213.0.0", "10.300.0.0/24", "fd00::/64"}) {
            assertThatThrownBy(() -> DockerSettings.from("docker", Map.of("subnet", subnet)))
                    .isInstanceOfSatisfying(InvalidCloudSettingsException.class, e -> assertThat(e.problems()).containsExactly(
                            "subnet must be a private IPv4 network of /16 to /28 such as 10.213.0.0/24, not '" + subnet + "'"));
        }
    }

    @Test
    void aTcpEngineNeedsItsTlsCertificates() {
        assertThatThrownBy(() -> DockerSettings.from("remote", Map.of("host", "tcp://docker.example.org:2376")))
                .isInstanceOfSatisfying(InvalidCloudSettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "tls-cert-path is required with a tcp host (a directory with ca.pem, cert.pem and key.pem): an engine's"
                                + " port without TLS gives root on its machine to anyone who reaches it"));
        assertThatThrownBy(() -> DockerSettings.from("remote", Map.of("host", "tcp://docker.example.org:2376",
                "tls-cert-path", dir.toString())))
                .isInstanceOfSatisfying(InvalidCloudSettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "tls-cert-path " + dir + " must hold readable ca.pem, cert.pem and key.pem (missing: ca.pem, cert.pem, key.pem)"));
        assertThatThrownBy(() -> DockerSettings.from("local", Map.of("tls-cert-path", dir.toString())))
                .isInstanceOfSatisfying(InvalidCloudSettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "tls-cert-path goes with a tcp://host:port host only"));
    }
}
