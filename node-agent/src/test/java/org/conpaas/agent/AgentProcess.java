package org.conpaas.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A node-agent as a real child process (its own JVM), so exit codes and signals are real. */
final class AgentProcess implements AutoCloseable {

    final Process process;
    final Path stderr;

    private AgentProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    /** Settings as NodeBootstrap.settings() writes them, for node-7 of svc-3, plus the test's own. */
    static Map<String, String> settings(TestDirector director, Path workDir, boolean withCa) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("director-url", director.url().toString());
        settings.put("enrollment-token", TestDirector.TOKEN);
        settings.put("node-id", "node-7");
        settings.put("service-id", "svc-3");
        settings.put("application-id", "app-1");
        settings.put("role", "agent");
        settings.put("vpn-address", "10.8.0.7");
        if (withCa) {
            settings.put("ca-certificate", Base64.getEncoder().encodeToString(director.ca.pem().getBytes(StandardCharsets.US_ASCII)));
        }
        settings.put("work-dir", workDir.toString());
        settings.put("heartbeat-interval", "PT0.1S");
        return settings;
    }

    /** Runs the test classpath's agent (the classes under test). */
    static AgentProcess start(Map<String, String> settings, Path directory) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return start(List.of("-cp", classPath, NodeAgent.class.getName()), settings, directory);
    }

    /** Runs {@code java <launch> --config <file>}, e.g. {@code -jar node-agent.jar}. */
    static AgentProcess start(List<String> launch, Map<String, String> settings, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path config = directory.resolve("node.properties");
        StringBuilder lines = new StringBuilder();
        settings.forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
        Files.writeString(config, lines);
        Path stderr = Files.createTempFile(directory, "agent", ".stderr");
        List<String> command = new ArrayList<>(java());
        command.addAll(launch);
        command.addAll(List.of("--config", config.toString()));
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new AgentProcess(process, stderr);
    }

    /** The JVM flags provisioning-service's local cloud starts agents with, so the tests prove they suffice. */
    static List<String> java() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the agent did not exit within " + timeout + "; its log:\n" + stderr());
        }
        return process.exitValue();
    }

    String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
