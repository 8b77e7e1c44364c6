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
 * default {@code P1D}).
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
        if (!problems.isEmpty()) {
            throw new InvalidCloudSettingsException(cloudName, problems);
        }
        String java = settings.getOrDefault("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new LocalCloudDriver(deployment, Path.of(jar), Path.of(settings.getOrDefault("work-dir", "nodes")).toAbsolutePath(),
                maxNodes, java, heap, Path.of(nodeHome), NodeUsers.isolationAvailable(), logRetention);
    }
}
