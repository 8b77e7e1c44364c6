package org.conpaas.nutshell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A service running as its own JVM, its output in logs/<name>.log and its pid in pids/<name>.pid. */
final class ServiceProcess {

    static final List<String> JVM = List.of("-Xms32m", "-Xmx256m", "-Xss512k", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=64m", "-Djava.security.egd=file:/dev/urandom");
    static final int MAX_RESTARTS = 3;

    private final ServiceSpec spec;
    private final Path jar;
    private final ServiceSettings settings;
    private final Path dataDir;
    private Process process;
    private int restarts;

    ServiceProcess(ServiceSpec spec, Path jar, ServiceSettings settings, Path dataDir) {
        this.spec = spec;
        this.jar = jar;
        this.settings = settings;
        this.dataDir = dataDir;
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(settings.arguments());
        return command;
    }

    void start() throws IOException {
        Path logs = Files.createDirectories(dataDir.resolve("logs"));
        Path pids = Files.createDirectories(dataDir.resolve("pids"));
        ProcessBuilder builder = new ProcessBuilder(command())
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(spec.name() + ".log").toFile()));
        builder.environment().putAll(settings.environment());
        process = builder.start();
        Files.writeString(pids.resolve(spec.name() + ".pid"), process.pid() + "\n");
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Restarts a service that died, {@value #MAX_RESTARTS} times at most; false once it has used them up. */
    boolean restartAfterCrash() throws IOException {
        if (restarts >= MAX_RESTARTS) {
            return false;
        }
        restarts++;
        start();
        return true;
    }

    /** Asks the service to stop (SIGTERM: Spring shuts down gracefully). */
    void requestStop() {
        if (process != null) {
            process.destroy();
        }
    }

    /** Waits for the service to have stopped until {@code deadline}, then kills it. */
    void awaitStopOrKill(Instant deadline) throws IOException, InterruptedException {
        if (process == null) {
            return;
        }
        long waitMillis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        if (!process.waitFor(waitMillis, TimeUnit.MILLISECONDS)) {
            System.err.println(spec.name() + " did not stop in time: killed");
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(dataDir.resolve("pids").resolve(spec.name() + ".pid"));
    }

    ServiceSpec spec() {
        return spec;
    }

    Path log() {
        return dataDir.resolve("logs").resolve(spec.name() + ".log");
    }
}
