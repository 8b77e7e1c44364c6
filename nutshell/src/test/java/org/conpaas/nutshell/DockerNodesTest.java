package org.conpaas.nutshell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerNodesTest {

    @Test
    void chooseOptionsForTheContainerNodes() {
        NutshellOptions defaults = NutshellOptions.parse(new String[]{"up"});
        assertThat(defaults.nodes()).isNull();
        assertThat(defaults.nodeSubnet()).isEqualTo("10.213.0.0/24");
        assertThat(defaults.nodeImage()).isEqualTo(NutshellOptions.defaultNodeImage(System.getenv("CONPAAS_NODE_IMAGE")));
        assertThat(NutshellOptions.defaultNodeImage(null)).isEqualTo("conpaas/node:latest");
        assertThat(NutshellOptions.defaultNodeImage("mine/node")).isEqualTo("mine/node:latest");

        NutshellOptions chosen = NutshellOptions.parse(new String[]{"up", "--nodes", "docker", "--node-subnet", "172.30.8.0/22",
                "--node-image", "registry.example.org/conpaas/node:2.0"});
        assertThat(chosen.nodes()).isEqualTo("docker");
        assertThat(chosen.nodeSubnet()).isEqualTo("172.30.8.0/22");
        assertThat(chosen.nodeImage()).isEqualTo("registry.example.org/conpaas/node:2.0");
        assertThat(NutshellOptions.firstAddress("172.30.8.0/22")).isEqualTo("172.30.8.1");
        assertThat(NutshellOptions.parse(new String[]{"up", "--nodes", "local"}).nodes()).isEqualTo("local");
    }

    @Test
    void aWrongContainerOptionIsOneLineSayingWhatToGive() {
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--nodes", "lxc"}))
                .hasMessage("--nodes takes docker or local, was 'lxc'");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--node-subnet", "8.8.8.0/24"}))
                .hasMessage("--node-subnet takes a private IPv4 network like 10.213.0.0/24 (/16 to /28), was '8.8.8.0/24'");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--node-subnet", "10.213.0.0/8"}))
                .hasMessageStartingWith("--node-subnet takes a private IPv4 network");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--node-subnet", "10.213.0.300/24"}))
                .hasMessageStartingWith("--node-subnet takes a private IPv4 network");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--node-subnet", "10.213.0.5/24"}))
                .hasMessage("--node-subnet 10.213.0.5/24 has host bits set: use 10.213.0.0/24");
        assertThatThrownBy(() -> NutshellOptions.parse(new String[]{"up", "--node-image", "Conpaas Node"}))
                .hasMessage("--node-image takes an image name like conpaas/node:latest, was 'Conpaas Node'");
    }

    @Test
    void theContainerCloudIsTheDefaultCalledAtTheBridgesGatewayWhichTheCertificateNames() {
        DockerNodes nodes = new DockerNodes("10.213.0.0/24", "10.213.0.1", "conpaas/node:latest");

        assertThat(nodes.provisioningSettings(8443)).containsExactly(
                "--conpaas.clouds.definitions.docker.driver=docker",
                "--conpaas.clouds.definitions.docker.image=conpaas/node:latest",
                "--conpaas.clouds.definitions.docker.network=conpaas-nodes",
                "--conpaas.clouds.definitions.docker.subnet=10.213.0.0/24",
                "--conpaas.clouds.definitions.docker.director-url=https://10.213.0.1:8443",
                "--conpaas.clouds.default=docker");
        assertThat(nodes.certSettings()).containsExactly("--conpaas.ca.director-also-hosts=10.213.0.1");
        assertThat(DockerNodes.appSettings()).contains("--conpaas.services.default-cloud=docker");
    }

    @Test
    void withoutAnEngineTheNutshellSaysWhyItRunsLocalNodesOrRefusesWhenDockerWasAskedFor(@TempDir Path dir) throws Exception {
        DockerEngine none = new DockerEngine(dir.resolve("docker.sock"));
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(said, true, StandardCharsets.UTF_8);

        assertThat(DockerNodes.choose(NutshellOptions.parse(new String[]{"up"}), none, out)).isEmpty();
        assertThat(said.toString(StandardCharsets.UTF_8)).startsWith("nodes: local processes, not containers: no Docker engine answers at "
                + dir.resolve("docker.sock"));
        assertThatThrownBy(() -> DockerNodes.choose(NutshellOptions.parse(new String[]{"up", "--nodes", "docker"}), none, out))
                .isInstanceOf(NutshellOptions.UsageException.class)
                .hasMessageStartingWith("--nodes docker: no Docker engine answers at").hasMessageEndingWith("; or use --nodes local");
        assertThatThrownBy(() -> DockerNodes.choose(NutshellOptions.parse(new String[]{"up", "--nodes", "docker", "--plain-http"}), none, out))
                .hasMessage("--nodes docker: container nodes heartbeat over mutual TLS, which --plain-http turns off; or use --nodes local");
        assertThat(DockerNodes.choose(NutshellOptions.parse(new String[]{"up", "--nodes", "local"}), none, out)).isEmpty();
    }
}
