package org.conpaas.provisioning.cloud.local;

import org.conpaas.provisioning.cloud.CloudDriver;
import org.conpaas.provisioning.cloud.CloudException;
import org.conpaas.provisioning.cloud.CloudHealth;
import org.conpaas.provisioning.cloud.CloudNode;
import org.conpaas.provisioning.cloud.CloudNodeState;
import org.conpaas.provisioning.cloud.CloudTags;
import org.conpaas.provisioning.cloud.NodeLaunch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local cloud: each node is a real node-agent process on this machine, in its own directory
 * {@code <work-dir>/<node id>} holding its settings, pid, logs and exit code. State survives a
 * restart of provisioning-service: a node is found again by its pid file.
 */
final class LocalCloudDriver implements CloudDriver {

    private static final Logger log = LoggerFactory.getLogger(LocalCloudDriver.class);
    private static final String PID = "pid", EXIT = "exit", TERMINATED = "terminated", TAGS = "tags.properties";

    private final String deployment;
    private final Path jar;
    private final Path workDir;
    private final int maxNodes;
    private final String javaCommand;
    private final String heap;

    LocalCloudDriver(String deployment, Path jar, Path workDir, int maxNodes, String java, String heap) {
        this.deployment = deployment;
        this.jar = jar;
        this.workDir = workDir;
        this.maxNodes = maxNodes;
        this.javaCommand = java;
        this.heap = heap;
    }

    @Override
    public synchronized CloudNode create(NodeLaunch launch) {
        if (listOurs().size() >= maxNodes) {
            throw new CloudException(CloudException.Reason.QUOTA_EXCEEDED, "MaxNodes",
                    "the local cloud runs " + maxNodes + " nodes already (max-nodes)");
        }
        String instanceId = "local-" + launch.nodeId().value();
        Path dir = workDir.resolve(instanceId);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(TERMINATED));
            Files.deleteIfExists(dir.resolve(EXIT));
            Path config = dir.resolve("node.properties");
            Files.deleteIfExists(config);
            Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(config)) {
                for (var setting : launch.bootstrap().settings().entrySet()) {
                    out.write(setting.getKey() + "=" + setting.getValue() + "\n");
                }
                out.write("work-dir=" + dir + "\n");
            }
            Properties tags = new Properties();
            tags.putAll(launch.tags());
            tags.setProperty(CloudTags.DEPLOYMENT, deployment);
            try (Writer out = Files.newBufferedWriter(dir.resolve(TAGS))) {
                tags.store(out, "ConPaaS node tags");
            }
            Process process = new ProcessBuilder(javaCommand, "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                    "-jar", jar.toString(), "--config", config.toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.log").toFile()))
                    .start();
            Files.writeString(dir.resolve(PID), Long.toString(process.pid()));
            process.onExit().thenAccept(p -> recordExit(dir, p.exitValue()));
            log.info("local node {} started as process {} in {}", launch.nodeId(), process.pid(), dir);
            return new CloudNode(instanceId, CloudNodeState.PENDING, "127.0.0.1", tagsOf(dir));
        } catch (IOException e) {
            throw new CloudException(CloudException.Reason.UNREACHABLE, null, "could not start node-agent: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<CloudNode> describe(String instanceId) {
        Path dir = dirOf(instanceId);
        if (dir == null || !Files.isRegularFile(dir.resolve(PID))) {
            return Optional.empty();
        }
        return Optional.of(new CloudNode(instanceId, stateOf(dir), "127.0.0.1", tagsOf(dir)));
    }

    @Override
    public void terminate(String instanceId) {
        Path dir = dirOf(instanceId);
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.writeString(dir.resolve(TERMINATED), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process(dir).ifPresent(p -> {
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            try {
                p.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                log.warn("node {} did not stop within 15 s; killing it", instanceId);
                p.destroyForcibly();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        });
    }

    @Override
    public List<CloudNode> listOurs() {
        if (!Files.isDirectory(workDir)) {
            return List.of();
        }
        List<CloudNode> nodes = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(workDir)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("local-")).toList()) {
                CloudNodeState state = stateOf(dir);
                if (state != CloudNodeState.TERMINATED && state != CloudNodeState.FAILED
                        && deployment.equals(tagsOf(dir).get(CloudTags.DEPLOYMENT))) {
                    nodes.add(new CloudNode(dir.getFileName().toString(), state, "127.0.0.1", tagsOf(dir)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return nodes;
    }

    @Override
    public CloudHealth health() {
        if (!Files.isRegularFile(jar)) {
            return CloudHealth.down("node-agent jar " + jar + " is missing");
        }
        return CloudHealth.up(listOurs().size() + " of " + maxNodes + " local nodes in use");
    }

    private CloudNodeState stateOf(Path dir) {
        Optional<ProcessHandle> process = process(dir);
        if (process.isPresent()) {
            return Files.exists(dir.resolve(TERMINATED)) ? CloudNodeState.STOPPING : CloudNodeState.RUNNING;
        }
        if (Files.exists(dir.resolve(TERMINATED))) {
            return CloudNodeState.TERMINATED;
        }
        try {
            String exit = Files.exists(dir.resolve(EXIT)) ? Files.readString(dir.resolve(EXIT)).trim() : null;
            return "0".equals(exit) ? CloudNodeState.TERMINATED : CloudNodeState.FAILED;
        } catch (IOException e) {
            return CloudNodeState.FAILED;
        }
    }

    private static Optional<ProcessHandle> process(Path dir) {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve(PID)).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> tagsOf(Path dir) {
        Properties tags = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve(TAGS))) {
            tags.load(in);
        } catch (IOException e) {
            return Map.of();
        }
        Map<String, String> map = new HashMap<>();
        tags.forEach((k, v) -> map.put(k.toString(), v.toString()));
        return map;
    }

    private Path dirOf(String instanceId) {
        if (instanceId == null || !instanceId.matches("local-[A-Za-z0-9._-]{1,80}")) {
            return null;
        }
        return workDir.resolve(instanceId);
    }

    private static void recordExit(Path dir, int code) {
        try {
            Files.writeString(dir.resolve(EXIT), Integer.toString(code));
        } catch (IOException e) {
            log.warn("could not record exit code of {}: {}", dir, e.getMessage());
        }
    }
}
