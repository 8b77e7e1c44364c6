package org.conpaas.nutshell;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Nodes the nutshell stops itself never reach provisioning-service's release: what the local cloud
 * made on the host for them — the iptables fence of their group, the memory cgroups, the group —
 * goes with their users (real iptables, groupadd and cgroups; as root).
 */
class OrphanFencesIT {

    @Test
    void theFenceCgroupsAndGroupOfReleasedNodeUsersGo() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/iptables")),
                "needs root and iptables");
        String tag = Long.toHexString(System.nanoTime() & 0xffffffffffL);
        tag = ("0000000000" + tag).substring(tag.length());
        String group = "cpg" + tag;
        String chain = "CONPAAS-" + tag.toUpperCase(java.util.Locale.ROOT);
        assertThat(run("groupadd", "--system", group)).isZero();
        String gid = new String(new ProcessBuilder("getent", "group", group).start().getInputStream().readAllBytes()).split(":")[2];
        assertThat(run("iptables", "-w", "-N", chain)).isZero();
        assertThat(run("iptables", "-w", "-A", chain, "-j", "RETURN")).isZero();
        assertThat(run("iptables", "-w", "-I", "OUTPUT", "1", "-m", "owner", "--gid-owner", group, "-m", "addrtype", "--dst-type",
                "LOCAL", "-j", chain)).isZero();
        Path cgroups = Path.of("/sys/fs/cgroup/memory", "conpaas-" + tag);
        boolean memory = Files.isWritable(Path.of("/sys/fs/cgroup/memory/cgroup.procs"));
        if (memory) {
            Files.createDirectories(cgroups.resolve("local-1"));
        }

        Orphans.releaseFences(Set.of(gid));

        assertThat(new String(new ProcessBuilder("iptables", "-w", "-S").start().getInputStream().readAllBytes())).doesNotContain(chain);
        assertThat(run("getent", "group", group)).as("the group is gone").isNotZero();
        if (memory) {
            assertThat(cgroups).doesNotExist();
        }
    }

    private static int run(String... command) throws Exception {
        return new ProcessBuilder(List.of(command)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }
}
