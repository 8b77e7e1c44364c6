package org.conpaas.provisioning.cloud.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.provisioning.cloud.CloudDriver;
import org.conpaas.provisioning.cloud.CloudException;
import org.conpaas.provisioning.cloud.CloudHealth;
import org.conpaas.provisioning.cloud.CloudNode;
import org.conpaas.provisioning.cloud.CloudNodeState;
import org.conpaas.provisioning.cloud.CloudTags;
import org.conpaas.provisioning.cloud.NodeBootstrap;
import org.conpaas.provisioning.cloud.NodeLaunch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The docker driver against the machine's Docker engine and the real node image (built by
 * deploy/node-image/build when missing): a node is a confined container on a network of the
 * test's own, with its bootstrap inside, running the agent as conpaas-node; it is found by its
 * labels and gone with its volumes once terminated. Skipped only when no engine answers.
 */
class DockerCloudDriverIT {

    private static final String ENGINE = DockerSettings.DEFAULT_HOST;
    /** a /28 of the test's own, beside the default node network 10.213.0.0/24 */
    private static final String SUBNET = "10.213.254.0/28";
    /** as deploy/node-image/build names it */
    private static final String IMAGE = System.getenv().getOrDefault("CONPAAS_NODE_IMAGE", "conpaas/node") + ":latest";

    private static final String deployment = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String network = "conpaas-" + deployment;
    private static DockerClient docker;
    private static CloudDriver driver;

    @BeforeAll
    static void engineAndImage() throws Exception {
        docker = DockerCloudDriverFactory.client(DockerSettings.from("it", Map.of("host", ENGINE)));
        assumeTrue(answers(docker), "no Docker engine answers at " + ENGINE + ": the docker cloud's integration test needs one"
                + " (.ci/run starts dockerd)");
        // the image of this checkout's agent and launcher: rebuilt when they changed, else found up to date in a second
        Process build = new ProcessBuilder(Path.of("..", "deploy", "node-image", "build").toAbsolutePath().normalize().toString())
                .inheritIO().start();
        assertThat(build.waitFor(10, TimeUnit.MINUTES)).as("the node image build finished in time").isTrue();
        assertThat(build.exitValue()).as("deploy/node-image/build's exit code").isZero();
        driver = new DockerCloudDriverFactory().create("docker-it", deployment, Map.of("image", IMAGE, "network", network, "subnet", SUBNET,
                "memory", "256", "cpus", "0.5", "director-url", "https://10.213.254.1:9"));
    }

    @AfterAll
    static void removeWhatTheTestMade() {
        if (docker == null || !answers(docker)) {
            return;
        }
        for (Container left : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(CloudTags.DEPLOYMENT, deployment)).exec()) {
            docker.removeContainerCmd(left.getId()).withForce(true).withRemoveVolumes(true).exec();
        }
        try {
            docker.removeNetworkCmd(network).exec();
        } catch (NotFoundException neverMade) {
            // nothing to remove
        }
    }

    @Test
    void aNodeIsAConfinedContainerFoundByItsLabelsAndGoneWhenTerminated() throws Exception {
        NodeLaunch launch = launch("https://director.example.org");
        CloudNode node = driver.create(launch);

        assertThat(node.state()).isIn(CloudNodeState.PENDING, CloudNodeState.RUNNING);
        assertThat(DockerSettings.from("it", Map.of("subnet", SUBNET)).subnet().contains(node.address()))
                .as("address %s in %s", node.address(), SUBNET).isTrue();
        assertThat(driver.listOurs()).filteredOn(n -> n.instanceId().equals(node.instanceId())).singleElement()
                .satisfies(listed -> assertThat(listed.tags()).containsAllEntriesOf(launch.tags())
                        .containsEntry(CloudTags.DEPLOYMENT, deployment));

        String properties = bootstrapInside(node.instanceId());
        assertThat(properties).contains("node-id=" + launch.nodeId().value() + "\n", "enrollment-token=token-1\n",
                "director-url=https://10.213.254.1:9\n").doesNotContain("director.example.org");

        InspectContainerResponse container = docker.inspectContainerCmd(node.instanceId()).exec();
        assertThat(container.getHostConfig().getCapAdd())
                .containsExactly(Capability.NET_ADMIN, Capability.SETUID, Capability.SETGID, Capability.KILL);
        assertThat(container.getHostConfig().getCapDrop()).containsExactly(Capability.ALL);
        assertThat(container.getHostConfig().getPrivileged()).isFalse();
        assertThat(container.getHostConfig().getSecurityOpts()).containsExactly("no-new-privileges");
        assertThat(container.getHostConfig().getReadonlyRootfs()).isTrue();
        assertThat(container.getHostConfig().getBinds()).isNullOrEmpty();
        assertThat(container.getNetworkSettings().getNetworks()).containsOnlyKeys(network);

        // the agent runs from the bootstrap, as conpaas-node, with NET_ADMIN, SETUID, SETGID and KILL (0x10e0) and no other
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(exec(node.instanceId(), "ps", "-o", "uid=,args=", "-C", "java")).startsWith("10001 java ")
                        .contains("/opt/conpaas/node-agent.jar --config /var/lib/conpaas/node/node.properties"));
        String agent = exec(node.instanceId(), "sh", "-c", "grep -e ^Uid -e ^Cap /proc/$(pgrep -x java)/status");
        assertThat(agent).containsPattern("Uid:\\t10001\\t10001\\t10001").contains("CapEff:\t00000000000010e0",
                "CapAmb:\t00000000000010e0", "CapBnd:\t00000000000010e0");

        // this host, seen from the node: the director's port answers, any other port is dropped (as root with iptables)
        if ("root".equals(System.getProperty("user.name"))) {
            try (java.net.ServerSocket director = new java.net.ServerSocket(9, 5, java.net.InetAddress.getByName("10.213.254.1"));
                 java.net.ServerSocket other = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("10.213.254.1"))) {
                String probe = "for p in 9 " + other.getLocalPort() + "; do if timeout 3 bash -c \"exec 3<>/dev/tcp/10.213.254.1/$p\" "
                        + "2>/dev/null; then echo open $p; else echo closed $p; fi; done";
                assertThat(exec(node.instanceId(), "bash", "-c", probe))
                        .contains("open 9", "closed " + other.getLocalPort()).doesNotContain("open " + other.getLocalPort());
            }
        }

        driver.terminate(node.instanceId());
        assertThat(new ProcessBuilder("/usr/sbin/iptables", "-w", "-S").start().inputReader().lines().toList())
                .as("the fence goes with the last node").noneMatch(rule -> rule.contains("CONPAAS-BR-"));

        assertThat(driver.describe(node.instanceId())).isEmpty();
        assertThat(driver.listOurs()).extracting(CloudNode::instanceId).doesNotContain(node.instanceId());
        assertThat(docker.listVolumesCmd().withFilter("label", List.of(CloudTags.NODE + "=" + launch.nodeId().value())).exec()
                .getVolumes()).isNullOrEmpty();
        driver.terminate(node.instanceId());
    }

    @Test
    void aDirectorOnLoopbackIsRefusedBeforeAnyContainerIsMade() {
        CloudDriver noOverride = new DockerCloudDriverFactory().create("docker-it", deployment,
                Map.of("network", network, "subnet", SUBNET));

        assertThatThrownBy(() -> noOverride.create(launch("https://127.0.0.1:8443")))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.reason()).isEqualTo(CloudException.Reason.INVALID_REQUEST))
                .hasMessageContaining("loopback").hasMessageContaining("https://10.213.254.1:");
        assertThat(noOverride.listOurs()).isEmpty();
    }

    @Test
    void healthNamesWhatToFix() {
        CloudHealth up = driver.health();
        assertThat(up.up()).as(up.detail()).isTrue();
        assertThat(up.detail()).contains(IMAGE, network, "https://10.213.254.1:9");

        CloudHealth noImage = new DockerCloudDriverFactory().create("docker-it", deployment,
                Map.of("image", "conpaas/absent:none", "network", network, "subnet", SUBNET)).health();
        assertThat(noImage).isEqualTo(CloudHealth.down("the node image conpaas/absent:none is missing on the Docker engine at "
                + ENGINE + ": build it with deploy/node-image/build"));

        CloudHealth noEngine = new DockerCloudDriverFactory().create("docker-it", deployment,
                Map.of("host", "unix:///nonexistent/docker.sock")).health();
        assertThat(noEngine.up()).isFalse();
        assertThat(noEngine.detail()).startsWith("no Docker engine answers at unix:///nonexistent/docker.sock (")
                .endsWith("): start dockerd there or fix the cloud's host setting");

        CloudHealth otherSubnet = new DockerCloudDriverFactory().create("docker-it", deployment,
                Map.of("network", network, "subnet", "10.213.253.0/28")).health();
        if (docker.listNetworksCmd().withNameFilter(network).exec().stream().anyMatch(n -> n.getName().equals(network))) {
            assertThat(otherSubnet.detail()).contains("network " + network + " exists as a bridge network of [" + SUBNET + "]");
        } else {
            assertThat(otherSubnet.up()).isTrue();
        }
    }

    private static NodeLaunch launch(String directorUrl) {
        NodeId nodeId = NodeId.random();
        ServiceId serviceId = ServiceId.random();
        ApplicationId applicationId = ApplicationId.random();
        Map<String, String> tags = new HashMap<>(Map.of(CloudTags.DEPLOYMENT, deployment, CloudTags.NODE, nodeId.value(),
                CloudTags.SERVICE, serviceId.value(), CloudTags.APPLICATION, applicationId.value(), CloudTags.ROLE, "agent"));
        return new NodeLaunch(nodeId, serviceId, applicationId, new NodeBootstrap(directorUrl, null, "token-1", nodeId.value(),
                serviceId.value(), applicationId.value(), "agent", "172.16.0.2"), tags);
    }

    private static String bootstrapInside(String containerId) throws IOException {
        try (InputStream archive = docker.copyArchiveFromContainerCmd(containerId, "/etc/conpaas/node.properties").exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
            TarArchiveEntry entry = tar.getNextEntry();
            assertThat(entry.getName()).isEqualTo("node.properties");
            assertThat(entry.getLongUserId()).as("owner").isEqualTo(BootstrapArchive.NODE_UID);
            assertThat(entry.getMode() & 0777).as("mode").isEqualTo(0600);
            return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String exec(String containerId, String... command) throws InterruptedException {
        String exec = docker.execCreateCmd(containerId).withCmd(command).withAttachStdout(true).withAttachStderr(true).exec().getId();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                out.writeBytes(frame.getPayload());
            }
        }).awaitCompletion(30, TimeUnit.SECONDS);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean answers(DockerClient client) {
        try {
            client.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
