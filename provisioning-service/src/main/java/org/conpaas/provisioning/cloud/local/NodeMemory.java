package org.conpaas.provisioning.cloud.local;

import org.conpaas.provisioning.cloud.CloudException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A memory cgroup per local node (the cgroup v1 memory controller): everything the node runs —
 * its agent and the tenant code it starts — shares one limit, so a node that allocates without end
 * is killed by the kernel inside its own cgroup instead of starving the platform on the same host.
 * Only as root on a host with that controller; elsewhere the local cloud's health says memory is
 * not limited.
 */
final class NodeMemory {

    private static final Path V1 = Path.of("/sys/fs/cgroup/memory");

    private final Path root;
    private final long bytes;

    private NodeMemory(Path root, long bytes) {
        this.root = root;
        this.bytes = bytes;
    }

    /** Limits of {@code bytes} per node under a cgroup of its own for this cloud, or null where none can be set. */
    static NodeMemory forCloud(String tag, long bytes) {
        if (!NodeUsers.isolationAvailable() || !Files.isWritable(V1.resolve("cgroup.procs"))
                || !Files.exists(V1.resolve("memory.limit_in_bytes"))) {
            return null;
        }
        return new NodeMemory(V1.resolve("conpaas-" + tag), bytes);
    }

    long bytes() {
        return bytes;
    }

    /**
     * Makes the node's cgroup and wraps {@code command} so the process joins it before anything of
     * the node runs (the shell writes its own pid, then becomes the command).
     */
    synchronized List<String> confine(String instanceId, List<String> command) {
        Path group = root.resolve(instanceId);
        try {
            Files.createDirectories(group);
            Files.writeString(group.resolve("memory.limit_in_bytes"), Long.toString(bytes));
        } catch (IOException e) {
            throw new CloudException(CloudException.Reason.UNREACHABLE, null,
                    "could not limit the node's memory (" + group + "): " + e.getMessage(), e);
        }
        List<String> wrapped = new java.util.ArrayList<>(List.of("/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"",
                group.resolve("cgroup.procs").toString()));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Removes the node's cgroup once its processes are gone, and the cloud's when it was the last. */
    synchronized void release(String instanceId) {
        Path group = root.resolve(instanceId);
        try {
            Files.deleteIfExists(group);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(NodeMemory.class).warn("could not remove the cgroup {}: {}", group, e.getMessage());
        }
        try (var children = Files.list(root)) {
            if (children.noneMatch(Files::isDirectory)) {
                Files.deleteIfExists(root);
            }
        } catch (IOException stillUsed) {
            // another node's cgroup is in it, or it is gone already
        }
    }

    /** The limit the kernel holds for the node (for checks), or -1 when it has no cgroup. */
    long limitOf(String instanceId) {
        try {
            return Long.parseLong(Files.readString(root.resolve(instanceId).resolve("memory.limit_in_bytes")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
