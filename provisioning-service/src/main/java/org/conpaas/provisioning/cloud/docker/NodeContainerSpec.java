package org.conpaas.provisioning.cloud.docker;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.VolumeOptions;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * How a node's container is confined: no capability but the four the agent keeps (the image's
 * launcher starts as root with only these and drops to {@code conpaas-node} holding them as ambient
 * capabilities): NET_ADMIN for its WireGuard interface (with {@code /dev/net/tun}), SETUID and
 * SETGID to start the service's code as {@code conpaas-tenant}, KILL to stop that code; the code
 * itself runs with none. No new privileges, a read-only root with writable volumes only for
 * the bootstrap and the agent's work directory (removed with the container), its CPU and memory
 * limits, a process limit, an init that reaps what tenant code leaves, and the nodes' network only.
 */
final class NodeContainerSpec {

    /** enough for the agent and a service's processes, not for a fork bomb */
    static final long PIDS_LIMIT = 512;
    static final String WORK_DIRECTORY = "/var/lib/conpaas";
    /** docs/clouds.md says why each is there */
    static final Capability[] AGENT_CAPABILITIES = {Capability.NET_ADMIN, Capability.SETUID, Capability.SETGID, Capability.KILL};

    private NodeContainerSpec() {
    }

    static HostConfig hostConfig(DockerSettings settings, Map<String, String> labels) {
        long memory = settings.memoryMb() * 1024L * 1024L;
        return HostConfig.newHostConfig()
                .withNetworkMode(settings.network())
                .withCapDrop(Capability.ALL)
                .withCapAdd(AGENT_CAPABILITIES)
                // php/java roles bind their VPN address before wireguard-go has brought it up
                .withSysctls(Map.of("net.ipv4.ip_nonlocal_bind", "1"))
                .withDevices(List.of(new Device("rwm", "/dev/net/tun", "/dev/net/tun")))
                .withSecurityOpts(List.of("no-new-privileges"))
                .withReadonlyRootfs(true)
                .withMounts(List.of(volume(BootstrapArchive.DIRECTORY, labels), volume(WORK_DIRECTORY, labels)))
                .withTmpFs(Map.of("/tmp", "rw,nosuid,nodev,size=64m", "/run",
                        // conpaas-node's: wireguard-go's control socket goes to /run/wireguard
                        "rw,nosuid,nodev,size=16m,mode=0755,uid=" + BootstrapArchive.NODE_UID + ",gid=" + BootstrapArchive.NODE_UID))
                .withInit(true)
                .withNanoCPUs(settings.cpus().multiply(BigDecimal.valueOf(1_000_000_000L)).longValueExact())
                .withMemory(memory)
                .withMemorySwap(memory)
                .withPidsLimit(PIDS_LIMIT)
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE, Map.of("max-size", "10m", "max-file", "2")));
    }

    /** An anonymous volume: the engine makes it from the image's directory and removes it with the container. */
    private static Mount volume(String target, Map<String, String> labels) {
        return new Mount().withType(MountType.VOLUME).withTarget(target).withVolumeOptions(new VolumeOptions().withLabels(labels));
    }
}
