package org.conpaas.provisioning.cloud.local;

import org.conpaas.provisioning.cloud.SystemCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A node's memory cgroup on this machine's kernel: a process confined to 64 MB that holds 200 MB
 * is killed, one that stays below runs to its end, and the node's cgroup goes with it.
 */
class NodeMemoryIT {

    private final String instance = "local-" + UUID.randomUUID();
    private NodeMemory memory;

    @AfterEach
    void cleanUp() {
        if (memory != null) {
            memory.release(instance);
        }
    }

    @Test
    void aNodeThatHoldsMoreThanItsMemoryIsKilledInsideItsOwnCgroup() {
        memory = NodeMemory.forCloud("memtest", 64L << 20);
        assumeTrue(memory != null, "memory cgroups need root and the cgroup v1 memory controller");

        SystemCommand.Result greedy = SystemCommand.run(memory.confine(instance,
                List.of("bash", "-c", "x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo held ${#x}")));
        assertThat(greedy.output()).doesNotContain("held 200000000");
        assertThat(greedy.exit()).as(greedy.output()).isNotZero();
        assertThat(memory.limitOf(instance)).isEqualTo(64L << 20);

        SystemCommand.Result modest = SystemCommand.run(memory.confine(instance,
                List.of("bash", "-c", "x=$(head -c 10000000 /dev/zero | tr '\\0' a); echo held ${#x}")));
        assertThat(modest.output()).as("10 MB fits").contains("held 10000000");

        memory.release(instance);
        assertThat(Files.exists(Path.of("/sys/fs/cgroup/memory/conpaas-memtest"))).as("nothing left behind").isFalse();
        memory = null;
    }
}
