package org.conpaas.gateway.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.conpaas.gateway.GatewayApplication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The gateway waits for the director files cert-service writes, and names the directory when they do not come. */
class DirectorFilesTest {

    @TempDir
    Path dir;

    @Test
    void waitsUntilCertServiceWroteAllThreeFiles() throws Exception {
        TlsProperties tls = new TlsProperties(true, dir, Duration.ofMinutes(1));
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> DirectorFiles.await(tls));
        Files.writeString(dir.resolve("director.pem"), "certificate");
        Files.writeString(dir.resolve("director.key"), "key");
        assertThat(waiting).as("ca.pem is still missing").isNotDone();
        Files.writeString(dir.resolve("ca.pem"), "ca");
        await().atMost(Duration.ofSeconds(10)).until(waiting::isDone);
        assertThat(waiting).isCompleted();
    }

    @Test
    void aGatewayWithoutTheFilesFailsNamingTheDirectory() {
        Path director = dir.resolve("director");
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class).run("--server.port=0",
                "--conpaas.gateway.tls.director-dir=" + director, "--conpaas.gateway.tls.startup-wait=300ms"))
                .isInstanceOf(DirectorCertificateMissingException.class)
                .hasMessageContaining("no director certificate in " + director.toAbsolutePath())
                .hasMessageContaining("missing director.pem, director.key, ca.pem");
        var analysis = new DirectorCertificateFailureAnalyzer().analyze(new DirectorCertificateMissingException(
                new TlsProperties(true, director, Duration.ofSeconds(1)), java.util.List.of(director.resolve("ca.pem"))));
        assertThat(analysis.getAction()).contains("conpaas.ca.director-dir=" + director.toAbsolutePath())
                .contains("conpaas.gateway.tls.enabled=false");
    }
}
