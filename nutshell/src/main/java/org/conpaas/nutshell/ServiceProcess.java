package org.conpaas.nutshell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A service running as its own JVM, its output in logs/<name>.log and its pid in pids/<name>.pid. */
final class ServiceProcess {

    private static final List<String> JVM = List.of("-Xms32m", "-Xmx256m", "-Xss512k", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=64m", "-Djava.security.egd=file:/dev/urandom");

    private final ServiceSpec spec;
    private final Path jar;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final Path dataDir;
    private Process process;
    private int restarts;

    ServiceProcess(ServiceSpec spec, Path jar, List<String> arguments, Map<String, String> environment, Path dataDir) {
        this.spec = spec;
        this.jar = jar;
        this.arguments = arguments;
        this.environment = environment;
        this.dataDir = dataDir;
    }

    void start() throws IOException {
        Path logs = Files.createDirectories(dataDir.resolve("logs"));
        Path pids = Files.createDirectories(dataDir.resolve("pids"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(spec.name() + ".log").toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        Files.writeString(pids.resolve(spec.name() + ".pid"), process.pid() + "\n");
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Restarts a service that died, a few times at most; false once it has used them up. */
    boolean restartAfterCrash() throws IOException {
        if (restarts >= 3) {
            return false;
        }
        restarts++;
        start();
        return true;
    }

    void stop() throws IOException {
        if (process != null) {
            Orphans.stop(process.toHandle());
            Files.deleteIfExists(dataDir.resolve("pids").resolve(spec.name() + ".pid"));
        }
    }

    ServiceSpec spec() {
        return spec;
    }

    Path log() {
        return dataDir.resolve("logs").resolve(spec.name() + ".log");
    }
}
