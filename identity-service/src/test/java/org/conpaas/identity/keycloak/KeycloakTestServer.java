package org.conpaas.identity.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real Keycloak for tests: the {@code keycloak-quarkus-dist} the build unpacked (system property
 * {@code keycloak.home}) started with {@code kc.sh start-dev} on a free port, in-memory database,
 * importing the realm files of {@code docs/sso} (system property {@code keycloak.realms}): realm
 * {@code contrail} (a SAML 2.0 IdP with test users) and realm {@code conpaas} (brokers it by SAML
 * as {@code contrail} and by OpenID Connect as {@code contrail-oidc}; client {@code conpaas-identity}).
 * If Keycloak cannot start, {@link #start} throws with the end of its log: tests fail, loudly.
 */
public final class KeycloakTestServer implements AutoCloseable {

    public static final String CLIENT_ID = "conpaas-identity";
    /** Contrail's test users sign in with {@code <name>-contrail-1}. */
    public static final List<String> CONTRAIL_USERS = List.of("carol", "dan", "frank", "grace", "heidi", "ivan");

    private final Process process;
    private final Path log;
    private final int port;
    private final String clientSecret;

    private KeycloakTestServer(Process process, Path log, int port, String clientSecret) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.clientSecret = clientSecret;
    }

    /** Starts Keycloak with identity-service's redirect URI at {@code publicUrl}; waits until the realms answer. */
    public static KeycloakTestServer start(String publicUrl) {
        Path home = Path.of(required("keycloak.home"));
        Path realms = Path.of(required("keycloak.realms"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak at " + home + " (keycloak.home): the build unpacks "
                    + "org.keycloak:keycloak-quarkus-dist there; run the module's build through pre-integration-test");
        }
        try {
            Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
            for (String realm : List.of("contrail-realm.json", "conpaas-realm.json")) {
                Files.copy(realms.resolve(realm), imports.resolve(realm), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            int port = freePort();
            String secret = UUID.randomUUID().toString();
            Path log = Files.createTempFile("keycloak-" + port + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + port, "--http-host=127.0.0.1", "--import-realm", "--db=dev-mem",
                    "--health-enabled=false", "--metrics-enabled=false")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("KEYCLOAK_URL", "http://127.0.0.1:" + port);
            env.put("CONPAAS_PUBLIC_URL", publicUrl);
            env.put("CONPAAS_SSO_CLIENT_SECRET", secret);
            env.put("KEYCLOAK_SSL_REQUIRED", "none");
            env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx640m");
            KeycloakTestServer server = new KeycloakTestServer(builder.start(), log, port, secret);
            server.awaitRealms(Duration.ofMinutes(4));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + home, e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The {@code conpaas} realm's issuer: conpaas.sso.issuer-uri. */
    public String issuer() {
        return url() + "/realms/conpaas";
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** identity-service's SSO settings for this Keycloak, as {@code key=value}. */
    public List<String> ssoSettings() {
        return List.of("conpaas.sso.enabled=true", "conpaas.sso.issuer-uri=" + issuer(), "conpaas.sso.client-id=" + CLIENT_ID,
                "conpaas.sso.client-secret=" + clientSecret, "conpaas.sso.providers[0].id=contrail",
                "conpaas.sso.providers[0].name=Contrail IdP", "conpaas.sso.providers[1].id=contrail-oidc",
                "conpaas.sso.providers[1].name=Contrail (OpenID Connect)");
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitRealms(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        URI probe = URI.create(url() + "/realms/contrail/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited (" + process.exitValue() + ") while starting:\n" + logTail());
            }
            try {
                if (http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                process.waitFor(1, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("Keycloak did not serve its realms within " + timeout.toSeconds() + " s:\n" + logTail());
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: failsafe sets it in the module's pom");
        }
        return value;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
