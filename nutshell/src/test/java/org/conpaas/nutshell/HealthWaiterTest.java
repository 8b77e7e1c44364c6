package org.conpaas.nutshell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthWaiterTest {

    private static final ServiceSpec APP = ServiceSpec.plan(8080, 41080, "x_").get(1);
    private static final ServiceSettings NONE = new ServiceSettings(List.of(), Map.of());

    @Test
    void namesAServiceThatExitsWhileStartingWithTheEndOfItsLog(@TempDir Path data) throws Exception {
        ServiceProcess broken = new ServiceProcess(APP, data.resolve("no-such.jar"), NONE, data);
        broken.start();
        assertThatThrownBy(() -> new HealthWaiter(Duration.ofSeconds(30), Duration.ofMillis(200)).awaitAll(List.of(broken), s -> { }))
                .isInstanceOf(HealthWaiter.StartupFailed.class)
                .hasMessageStartingWith("app exited while starting")
                .hasMessageContaining(data.resolve("logs/app.log").toString())
                .hasMessageContaining("no-such.jar");
    }

    @Test
    void namesAServiceThatIsNotHealthyInTimeAndTheNutshellCanStopIt(@TempDir Path data) throws Exception {
        ServiceProcess slow = new ServiceProcess(APP, sleeperJar(data), NONE, data);
        slow.start();
        try {
            assertThatThrownBy(() -> new HealthWaiter(Duration.ofSeconds(2), Duration.ofMillis(200)).awaitAll(List.of(slow), s -> { }))
                    .isInstanceOf(HealthWaiter.StartupFailed.class)
                    .hasMessageStartingWith("app did not become healthy within 2 s (" + APP.healthUrl() + ")")
                    .hasMessageContaining("sleeper starting, never healthy");
            assertThat(Files.readString(data.resolve("pids/app.pid")).strip()).matches("\\d+");
        } finally {
            slow.requestStop();
            slow.awaitStopOrKill(Instant.now().plusSeconds(10));
        }
        assertThat(slow.isAlive()).isFalse();
        assertThat(data.resolve("pids/app.pid")).doesNotExist();
    }

    /** A jar whose main class is {@link Sleeper}, found through the test classes. */
    private static Path sleeperJar(Path dir) throws Exception {
        Path classes = Path.of(Sleeper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Sleeper.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
        Path jar = dir.resolve("sleeper.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is all it needs
        }
        return jar;
    }
}
