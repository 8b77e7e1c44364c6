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
 * The local cloud: each node is a real node-agent process on this machine. Its control directory
 * {@code <work-dir>/<instance id>} (the platform's: pid, tags, exit code, agent.log) lets a restart
 * of provisioning-service find it again. Run as root, each node runs as an unprivileged user of its
 * own ({@link NodeUsers}) with no capabilities, in a home {@code <node-home>/<instance id>} only that
 * user can enter, fenced off the platform's ports ({@link LocalNodeFence}); its environment is an
 * allow-list, never the platform's. Terminating a node ends
 * every process of its user, deletes its home and its user, and keeps its logs in the control
 * directory for {@code log-retention}.
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
    private final Path nodeHomes;
    private final boolean isolated;
    private final java.time.Duration logRetention;
    private final LocalNodeFence fence;
    private final NodeLimits limits;
    private final NodeMemory memory;

    /** What one node's user may hold at once: processes (threads count too) and open files. */
    record NodeLimits(int processes, int openFiles) {
    }

    LocalCloudDriver(String deployment, Path jar, Path workDir, int maxNodes, String java, String heap, Path nodeHomes,
                     boolean isolated, java.time.Duration logRetention, LocalNodeFence fence, NodeLimits limits, NodeMemory memory) {
        this.deployment = deployment;
        this.jar = jar;
        this.workDir = workDir;
        this.maxNodes = maxNodes;
        this.javaCommand = java;
        this.heap = heap;
        this.nodeHomes = nodeHomes;
        this.isolated = isolated;
        this.logRetention = logRetention;
        this.fence = isolated ? fence : null;
        this.limits = limits;
        this.memory = isolated ? memory : null;
        if (!isolated) {
            log.warn("local cloud: provisioning-service does not run as root, so local nodes run as its own user and can read "
                    + "its files: tenant isolation needs root or a container cloud");
        }
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
            pruneOldLogs();
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Files.deleteIfExists(dir.resolve(TERMINATED));
            Files.deleteIfExists(dir.resolve(EXIT));
            Properties tags = new Properties();
            tags.putAll(launch.tags());
            tags.setProperty(CloudTags.DEPLOYMENT, deployment);
            try (Writer out = Files.newBufferedWriter(dir.resolve(TAGS))) {
                tags.store(out, "ConPaaS node tags");
            }
            if (fence != null) {
                fence.raiseFor(portOf(launch.bootstrap().directorUrl()));
            }
            NodeHome home = isolated ? isolatedHome(instanceId) : new NodeHome(dir, null, jar);
            Path config = home.dir().resolve("node.properties");
            Files.deleteIfExists(config);
            Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(config)) {
                for (var setting : launch.bootstrap().settings().entrySet()) {
                    out.write(setting.getKey() + "=" + setting.getValue() + "\n");
                }
                out.write("work-dir=" + home.dir() + "\n");
            }
            if (home.user() != null) {
                Files.setOwner(config, lookupUser(home.user().name()));
            }
            List<String> command = new ArrayList<>();
            if (home.user() != null) {
                // limits per node user: a fork bomb or a descriptor leak in tenant code stays the node's problem
                command.addAll(List.of("/usr/bin/prlimit", "--nproc=" + limits.processes(), "--nofile=" + limits.openFiles(), "--core=0", "--"));
                command.addAll(List.of("/usr/bin/setpriv", "--reuid=" + home.user().uid(), "--regid=" + home.user().gid(),
                        "--clear-groups", "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--"));
            }
            command.addAll(List.of(javaCommand, "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:-UsePerfData",
                    "-Duser.home=" + home.dir(), "-jar", home.jar().toString(), "--config", config.toString()));
            if (home.user() != null && memory != null) {
                command = memory.confine(instanceId, command);
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.dir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.log").toFile()));
            NodeEnvironment.allowListed(builder.environment(), home.dir());
            Process process = builder.start();
            Files.writeString(dir.resolve(PID), Long.toString(process.pid()));
            process.onExit().thenAccept(p -> recordExit(dir, p.exitValue()));
            log.info("local node {} started as process {} in {}{}", launch.nodeId(), process.pid(), home.dir(),
                    home.user() == null ? "" : " as user " + home.user().name());
            return new CloudNode(instanceId, CloudNodeState.PENDING, "127.0.0.1", tagsOf(dir));
        } catch (IOException e) {
            throw new CloudException(CloudException.Reason.UNREACHABLE, null, "could not start node-agent: " + e.getMessage(), e);
        }
    }

    private record NodeHome(Path dir, NodeUsers.NodeUser user, Path jar) {
    }

    /** A home only the node's user enters, under a root that others may pass through but not list; the agent jar beside it. */
    private NodeHome isolatedHome(String instanceId) throws IOException {
        Files.createDirectories(nodeHomes);
        Files.setPosixFilePermissions(nodeHomes, PosixFilePermissions.fromString("rwx--x--x"));
        Path sharedJar = nodeHomes.resolve("node-agent.jar");
        if (!Files.isRegularFile(sharedJar) || Files.size(sharedJar) != Files.size(jar)
                || Files.getLastModifiedTime(sharedJar).compareTo(Files.getLastModifiedTime(jar)) < 0) {
            Path copy = Files.createTempFile(nodeHomes, "node-agent", ".jar");
            Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(copy, sharedJar, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        Path home = nodeHomes.resolve(instanceId);
        NodeUsers.NodeUser user = NodeUsers.ensure(NodeUsers.nameOf(instanceId), home, fence == null ? null : fence.group());
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        var attributes = Files.getFileAttributeView(home, java.nio.file.attribute.PosixFileAttributeView.class);
        attributes.setOwner(lookupUser(user.name()));
        attributes.setGroup(home.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByGroupName(fence == null ? user.name() : fence.group()));
        return new NodeHome(home, user, sharedJar);
    }

    /** The fence's chain and group, and the homes' root with its agent jar, stay only while a node of this cloud runs. */
    private synchronized void cleanUpWhenNoNodeIsLeft() {
        if (!listOurs().isEmpty()) {
            return;
        }
        if (fence != null) {
            fence.lower();
        }
        // the homes' root may be another local cloud's too: it goes only when no node's home is left in it
        try (Stream<Path> entries = Files.list(nodeHomes)) {
            if (entries.noneMatch(Files::isDirectory)) {
                NodeFiles.deleteTree(nodeHomes);
            }
        } catch (IOException gone) {
            // nothing to clean up
        }
    }

    private static int portOf(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getPort() > 0 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443;
    }

    private Path homeOf(String instanceId) {
        return isolated ? nodeHomes.resolve(instanceId) : workDir.resolve(instanceId);
    }

    private static java.nio.file.attribute.UserPrincipal lookupUser(String name) throws IOException {
        return java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
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
        release(instanceId, dir);
    }

    /** What a terminated node owned goes: every process of its user, its home (its logs kept), its user. */
    private void release(String instanceId, Path dir) {
        Path home = homeOf(instanceId);
        if (isolated) {
            String user = NodeUsers.nameOf(instanceId);
            NodeUsers.killAllOf(user);
            if (memory != null) {
                memory.release(instanceId);
            }
            keepLog(home.resolve("service.log"), dir.resolve("service.log"));
            NodeFiles.deleteTree(home);
            NodeUsers.delete(user);
            cleanUpWhenNoNodeIsLeft();
        } else {
            NodeFiles.deleteAllBut(home, java.util.Set.of(PID, EXIT, TERMINATED, TAGS, "agent.log", "service.log"));
        }
    }

    private static void keepLog(Path from, Path to) {
        try {
            if (Files.isRegularFile(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            log.warn("could not keep the service log of {}: {}", from, e.getMessage());
        }
    }

    /** Control directories of nodes terminated longer ago than log-retention: their logs have been kept long enough. */
    private void pruneOldLogs() {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        java.time.Instant before = java.time.Instant.now().minus(logRetention);
        try (Stream<Path> dirs = Files.list(workDir)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("local-")).toList()) {
                Path terminated = dir.resolve(TERMINATED);
                if (Files.exists(terminated) && process(dir).isEmpty()
                        && Files.getLastModifiedTime(terminated).toInstant().isBefore(before)) {
                    NodeFiles.deleteTree(dir);
                }
            }
        } catch (IOException e) {
            log.warn("could not prune old node logs in {}: {}", workDir, e.getMessage());
        }
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
        StringBuilder detail = new StringBuilder(listOurs().size() + " of " + maxNodes + " local nodes in use");
        if (!isolated) {
            return CloudHealth.up(detail.append("; warning: nodes run as provisioning-service's own user (tenant isolation needs root")
                    .append(" or a container cloud)").toString());
        }
        detail.append(", each as a user of its own");
        detail.append(fence != null ? ", fenced off the platform's ports" : "");
        detail.append(memory != null ? ", with " + (memory.bytes() >> 20) + " MB of memory" : "");
        if (fence == null) {
            detail.append("; warning: nodes can reach the platform's ports on this host (fencing them needs iptables)");
        }
        if (memory == null) {
            detail.append("; warning: nodes' memory is not limited (needs the cgroup v1 memory controller)");
        }
        return CloudHealth.up(detail.toString());
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
                    .filter(p -> p.info().commandLine().map(c -> c.contains(dir.getFileName().toString())).orElse(true));
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
