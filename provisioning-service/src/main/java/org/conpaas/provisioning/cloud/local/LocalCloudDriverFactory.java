package org.conpaas.provisioning.cloud.local;

import org.conpaas.provisioning.cloud.CloudDriver;
import org.conpaas.provisioning.cloud.CloudDriverFactory;
import org.conpaas.provisioning.cloud.InvalidCloudSettingsException;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code driver=local}: nodes are node-agent processes on this machine. Settings:
 * {@code node-agent-jar} (required), {@code work-dir} (default {@code nodes}), {@code max-nodes}
 * (default 20), {@code java} (default: this JVM's), {@code heap} (default {@code 48m}), {@code node-home} (where each
 * node's own home is made when nodes run as users of their own, i.e. when provisioning-service runs as root; default
 * {@code /var/lib/conpaas/nodes/<deployment>}), {@code log-retention} (how long a terminated node's logs are kept;
 * default {@code P1D}), {@code fenced-ports} (the platform's ports from 32768 up that nodes must not reach, comma-separated:
 * run as root with iptables, nodes reach no port of this host below 32768 but the director's, nor these; see
 * {@link LocalNodeFence}), {@code max-processes} (256: processes and threads one node's user may run, as root) and
 * {@code max-open-files} (4096 per process), {@code memory} (512m: what one node — agent and tenant code together —
 * may use, a memory cgroup of its own as root).
 */
@Component
class LocalCloudDriverFactory implements CloudDriverFactory {

    @Override
    public String driver() {
        return "local";
    }

    @Override
    public CloudDriver create(String cloudName, String deployment, Map<String, String> settings) {
        List<String> problems = new ArrayList<>();
        String jar = settings.get("node-agent-jar");
        if (jar == null || jar.isBlank()) {
            problems.add("node-agent-jar is required (the node-agent jar the local nodes run)");
        } else if (!Files.isRegularFile(Path.of(jar))) {
            problems.add("node-agent-jar " + jar + " does not exist (build it with ./mvnw install)");
        }
        int maxNodes = 20;
        try {
            maxNodes = Integer.parseInt(settings.getOrDefault("max-nodes", "20").trim());
            if (maxNodes < 1) {
                problems.add("max-nodes must be 1 or more");
            }
        } catch (NumberFormatException e) {
            problems.add("max-nodes must be a number, not '" + settings.get("max-nodes") + "'");
        }
        String heap = settings.getOrDefault("heap", "48m");
        if (!heap.matches("[0-9]+[kmgKMG]")) {
            problems.add("heap must look like 48m, not '" + heap + "'");
        }
        java.time.Duration logRetention = java.time.Duration.ofDays(1);
        try {
            logRetention = java.time.Duration.parse(settings.getOrDefault("log-retention", "P1D").trim());
        } catch (java.time.format.DateTimeParseException e) {
            problems.add("log-retention must be an ISO-8601 duration such as PT12H or P1D, not '" + settings.get("log-retention") + "'");
        }
        String nodeHome = settings.getOrDefault("node-home", "/var/lib/conpaas/nodes/" + deployment);
        if (!Path.of(nodeHome).isAbsolute()) {
            problems.add("node-home must be an absolute path, not '" + nodeHome + "'");
        }
        String memory = settings.getOrDefault("memory", "512m").trim();
        if (!memory.matches("[0-9]+[kmgKMG]")) {
            problems.add("memory must look like 512m or 2g, not '" + memory + "'");
        }
        int processes = positive(settings, "max-processes", 256, problems);
        int openFiles = positive(settings, "max-open-files", 4096, problems);
        java.util.Set<Integer> fencedPorts = new java.util.TreeSet<>();
        for (String port : settings.getOrDefault("fenced-ports", "").split(",")) {
            if (!port.isBlank()) {
                try {
                    int n = Integer.parseInt(port.trim());
                    if (n < 1 || n > 65535) {
                        throw new NumberFormatException();
                    }
                    fencedPorts.add(n);
                } catch (NumberFormatException e) {
                    problems.add("fenced-ports must be port numbers (1-65535) separated by commas, not '" + port.trim() + "'");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidCloudSettingsException(cloudName, problems);
        }
        String java = settings.getOrDefault("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new LocalCloudDriver(deployment, Path.of(jar), Path.of(settings.getOrDefault("work-dir", "nodes")).toAbsolutePath(),
                maxNodes, java, heap, Path.of(nodeHome), NodeUsers.isolationAvailable(), logRetention,
                LocalNodeFence.forCloud(deployment, cloudName, fencedPorts), new LocalCloudDriver.NodeLimits(processes, openFiles),
                NodeMemory.forCloud(LocalNodeFence.tagOf(deployment, cloudName), bytes(memory)));
    }

    private static long bytes(String size) {
        long n = Long.parseLong(size.substring(0, size.length() - 1));
        return switch (Character.toLowerCase(size.charAt(size.length() - 1))) {
            case 'k' -> n << 10;
            case 'm' -> n << 20;
            default -> n << 30;
        };
    }

    private static int positive(Map<String, String> settings, String name, int fallback, List<String> problems) {
        String value = settings.getOrDefault(name, String.valueOf(fallback)).trim();
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + " must be a whole number of 1 or more, not '" + value + "'");
        return fallback;
    }
}
