package org.conpaas.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jar other modules start, {@code node-agent/target/node-agent-<version>.jar}, run with {@code java -jar}. */
class PackagedJarIT {

    private static final Path JAR = Path.of(System.getProperty("agent.jar", "target/node-agent-2.0.0-SNAPSHOT.jar"));

    private static Process java(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(AgentProcess.java());
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).start();
    }

    @Test
    void printsItsVersion() throws Exception {
        Process process = java("--version");
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        assertEquals("conpaas node-agent " + System.getProperty("agent.version", "2.0.0-SNAPSHOT") + "\n",
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aMissingSettingIsOneLineOnStderrAndExitCode2(@TempDir Path directory) throws Exception {
        Path config = Files.writeString(directory.resolve("node.properties"), "director-url=https://conpaas.example.org\n");
        Process process = java("--config", config.toString());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        assertEquals("node-agent: setting enrollment-token is missing (in " + config + ")\n",
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void enrollsHeartbeatsAndStopsAsTheShadedJar(@TempDir Path directory) throws Exception {
        try (TestDirector director = new TestDirector();
             AgentProcess agent = AgentProcess.start(List.of("-jar", JAR.toString()),
                     AgentProcess.settings(director, directory.resolve("work"), true), directory)) {
            director.code = Archives.tarGz(Map.of("start.sh", "echo packaged says hi\nexec sleep 300\n"));
            director.codeVersion = 1L;
            await().atMost(Duration.ofSeconds(30)).until(() -> director.heartbeats.stream()
                    .anyMatch(beat -> beat.logTail().contains("packaged says hi") && beat.clientCommonName().equals("node-7")));
            director.desired = "STOP";
            assertEquals(0, agent.awaitExit(Duration.ofSeconds(30)), agent::stderr);
            assertTrue(agent.stderr().contains("node-agent " + System.getProperty("agent.version", "2.0.0-SNAPSHOT") + " starting"),
                    agent.stderr());
        }
    }
}
