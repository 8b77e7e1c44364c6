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
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            String[] fields = line.split(":");
            if (fields.length > 5 && fields[0].matches("cpn[0-9a-f]{12}") && Path.of(fields[5]).startsWith(homes)) {
                run("pkill", "-KILL", "-u", fields[0]);
                run("userdel", fields[0]);
            }
        }
        try (var paths = Files.walk(homes)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
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
