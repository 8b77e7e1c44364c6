package org.conpaas.nutshell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Optional;

/**
 * What a nutshell that was killed (kill -9, a crash) may have left running: its PostgreSQL and
 * its service processes. They are stopped before a new start takes their ports.
 */
final class Orphans {

    private Orphans() {
    }

    /** Stops the PostgreSQL whose postmaster.pid is in {@code pgData}; true if one ran. */
    static boolean stopPostgresLeftIn(Path pgData) {
        Optional<ProcessHandle> postgres = readPid(pgData.resolve("postmaster.pid")).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
        postgres.ifPresent(p -> {
            System.out.println("stopping the PostgreSQL a killed nutshell left running (pid " + p.pid() + ")");
            stop(p);
        });
        return postgres.isPresent();
    }

    /** Stops the service JVMs whose pids are recorded in {@code pidDir}; true if any ran. */
    static boolean stopServicesRecordedIn(Path pidDir) throws IOException {
        if (!Files.isDirectory(pidDir)) {
            return false;
        }
        boolean any = false;
        try (var files = Files.list(pidDir)) {
            for (Path file : files.toList()) {
                Optional<ProcessHandle> service = alive(file);
                service.ifPresent(p -> {
                    System.out.println("stopping " + file.getFileName().toString().replace(".pid", "")
                            + ", left running (pid " + p.pid() + ")");
                    p.destroy();
                });
                any |= service.isPresent();
            }
        }
        try (var files = Files.list(pidDir)) {
            for (Path file : files.toList()) {
                Optional<ProcessHandle> service = alive(file);
                service.ifPresent(Orphans::stop);
                Files.deleteIfExists(file);
            }
        }
        return any;
    }

    /**
     * Stops the local cloud's node-agent processes under {@code nodesDir} (one directory per node
     * with its pid): they belong to this nutshell and must not outlive it. True if any ran.
     */
    static boolean stopLocalNodesIn(Path nodesDir) throws IOException {
        if (!Files.isDirectory(nodesDir)) {
            return false;
        }
        List<ProcessHandle> nodes = new ArrayList<>();
        try (var dirs = Files.list(nodesDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                readPid(dir.resolve("pid")).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().commandLine().map(c -> c.contains(dir.getFileName().toString())).orElse(false))
                        .ifPresent(nodes::add);
            }
        }
        if (!nodes.isEmpty()) {
            System.out.println("stopping " + nodes.size() + " local node(s)");
        }
        nodes.forEach(ProcessHandle::destroy);
        nodes.forEach(Orphans::stop);
        releaseNodeUsers(LocalNodeHomes.root(nodesDir.toAbsolutePath().getParent()));
        return !nodes.isEmpty();
    }

    /**
     * The users local nodes ran as (those whose home lies under {@code homes}): whatever of theirs
     * still runs is killed, the users deleted, and their homes with them. The nodes are gone; so is
     * what they owned.
     */
    static void releaseNodeUsers(Path homes) throws IOException {
        if (!Files.isDirectory(homes) || !"root".equals(System.getProperty("user.name"))) {
            return;
        }
        java.util.Set<String> groups = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            String[] fields = line.split(":");
            if (fields.length > 5 && fields[0].matches("cpn[0-9a-f]{12}") && Path.of(fields[5]).startsWith(homes)) {
                groups.add(fields[3]);
                run("pkill", "-KILL", "-u", fields[0]);
                run("userdel", fields[0]);
            }
        }
        releaseFences(groups);
        try (var paths = Files.walk(homes)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * What the local cloud made on the host for the groups its node users had (provisioning-service
     * takes it down with the last node it terminates; nodes stopped here never reach it): the
     * iptables fence (group {@code cpg<tag>}, chain {@code CONPAAS-<TAG>}), the memory cgroups
     * ({@code conpaas-<tag>}) and the group itself.
     */
    static void releaseFences(java.util.Set<String> gids) throws IOException {
        for (String gid : gids) {
            String group = Files.readAllLines(Path.of("/etc/group")).stream().map(l -> l.split(":"))
                    .filter(f -> f.length > 2 && f[2].equals(gid) && f[0].matches("cpg[0-9a-f]{10}")).map(f -> f[0])
                    .findFirst().orElse(null);
            if (group == null) {
                continue;
            }
            String tag = group.substring(3);
            String chain = "CONPAAS-" + tag.toUpperCase(java.util.Locale.ROOT);
            for (String rule : output("iptables", "-w", "-S", "OUTPUT")) {
                if (rule.startsWith("-A OUTPUT ") && rule.endsWith("-j " + chain)) {
                    List<String> delete = new java.util.ArrayList<>(List.of("iptables", "-w", "-D"));
                    delete.addAll(List.of(rule.substring(3).split(" ")));
                    run(delete.toArray(String[]::new));
                }
            }
            run("iptables", "-w", "-F", chain);
            run("iptables", "-w", "-X", chain);
            Path memory = Path.of("/sys/fs/cgroup/memory", "conpaas-" + tag);
            if (Files.isDirectory(memory)) {
                try (var nodes = Files.list(memory)) {
                    for (Path node : nodes.filter(Files::isDirectory).toList()) {
                        Files.deleteIfExists(node);
                    }
                }
                Files.deleteIfExists(memory);
            }
            run("groupdel", group);
        }
    }

    private static List<String> output(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            return lines;
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            System.err.println(command[0] + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean anyAlive(Path pidDir) throws IOException {
        if (!Files.isDirectory(pidDir)) {
            return false;
        }
        try (var files = Files.list(pidDir)) {
            return files.anyMatch(f -> alive(f).isPresent());
        }
    }

    /** The process a pid file names, if it still runs and is a JVM (not an unrelated process that reused the pid). */
    private static Optional<ProcessHandle> alive(Path pidFile) {
        return readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false));
    }

    static Optional<Long> readPid(Path file) {
        try {
            String first = Files.readAllLines(file).stream().findFirst().orElse("").strip();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception notYet) {
            process.destroyForcibly();
        }
    }
}
