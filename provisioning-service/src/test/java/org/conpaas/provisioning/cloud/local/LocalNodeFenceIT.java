package org.conpaas.provisioning.cloud.local;

import org.conpaas.provisioning.cloud.SystemCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fence on this machine's real iptables: a process running as a node user of the fence's group
 * reaches the director's port and an unfenced node port, but not a low port (where the services,
 * PostgreSQL and RabbitMQ listen) nor a fenced high one; lowered, no chain or group is left.
 */
class LocalNodeFenceIT {

    @TempDir
    Path home;

    private final List<ServerSocket> listening = new ArrayList<>();
    private final String deployment = "fence-test-" + UUID.randomUUID();
    private LocalNodeFence fence;
    private String user;

    @AfterEach
    void cleanUp() throws IOException {
        for (ServerSocket s : listening) {
            s.close();
        }
        if (user != null) {
            NodeUsers.delete(user);
        }
        if (fence != null) {
            fence.lower();
        }
    }

    @Test
    void aNodeReachesTheDirectorAndNodePortsButNoPlatformPort() throws IOException {
        ServerSocket fencedHigh = listen(0);
        fence = LocalNodeFence.forCloud(deployment, "local", Set.of(fencedHigh.getLocalPort()));
        assumeTrue(fence != null, "the fence needs root and iptables");
        ServerSocket director = listen(lowPort(21000));
        ServerSocket platform = listen(lowPort(22000));
        ServerSocket nodeService = listen(0);
        assertThat(nodeService.getLocalPort()).isGreaterThanOrEqualTo(LocalNodeFence.NODE_PORTS_FROM);

        fence.raiseFor(director.getLocalPort());
        user = NodeUsers.nameOf("local-" + deployment);
        NodeUsers.NodeUser node = NodeUsers.ensure(user, home, fence.group());

        assertThat(connects(node, director.getLocalPort())).as("the director's port").isTrue();
        assertThat(connects(node, nodeService.getLocalPort())).as("another node's service port").isTrue();
        assertThat(connects(node, platform.getLocalPort())).as("a platform port below 32768").isFalse();
        assertThat(connects(node, fencedHigh.getLocalPort())).as("a fenced high port").isFalse();
        assertThat(connectsAsRoot(platform.getLocalPort())).as("the platform itself is not fenced").isTrue();

        NodeUsers.delete(user);
        user = null;
        fence.lower();
        assertThat(SystemCommand.run(List.of("/usr/sbin/iptables", "-w", "-S")).output()).doesNotContain(fence.group());
        assertThat(SystemCommand.run(List.of("getent", "group", fence.group())).exit()).as("the group is gone").isNotZero();
        fence = null;
    }

    private ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listening.add(socket);
        return socket;
    }

    private static int lowPort(int from) {
        for (int port = from; port < from + 500; port++) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IllegalStateException("no free port from " + from);
    }

    private static boolean connects(NodeUsers.NodeUser node, int port) {
        return SystemCommand.run(List.of("/usr/bin/setpriv", "--reuid=" + node.uid(), "--regid=" + node.gid(), "--clear-groups",
                "--no-new-privs", "--", "timeout", "5", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port)).exit() == 0;
    }

    private static boolean connectsAsRoot(int port) {
        return SystemCommand.run(List.of("timeout", "5", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port)).exit() == 0;
    }
}
