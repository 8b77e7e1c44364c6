package org.conpaas.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cps login --sso} against a director that behaves as identity-service does at its edges
 * (providers, a login that redirects to the loopback address with a one-time code, the exchange):
 * a "browser" follows the printed address; cps receives the code on its loopback port, exchanges
 * it once and saves the session. (The real identity-service and Keycloak are covered by
 * SingleSignOnIT and SingleSignOnBrowserIT.)
 */
class SsoLoginTest {

    @TempDir
    Path dir;

    private HttpServer director;
    private String providers = "[{\"id\":\"contrail\",\"name\":\"Contrail IdP\",\"loginUrl\":\"/api/auth/sso/contrail/login\"}]";
    private final List<String> exchanged = new ArrayList<>();
    private final List<URI> opened = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startDirector() throws IOException {
        director = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        director.createContext("/api/auth/sso/providers", e -> reply(e, 200, providers));
        director.createContext("/api/auth/sso/contrail/login", e -> {
            String redirect = URLDecoder.decode(e.getRequestURI().getRawQuery().replaceFirst("^redirect=", ""), StandardCharsets.UTF_8);
            e.getResponseHeaders().add("Location", redirect + "?sso_code=one-time-123");
            e.sendResponseHeaders(302, -1);
            e.close();
        });
        director.createContext("/api/auth/sso/exchange", e -> {
            String body = new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            exchanged.add(body);
            reply(e, body.contains("one-time-123") && exchanged.size() == 1 ? 200 : 401,
                    "{\"accessToken\":\"at-1\",\"tokenType\":\"Bearer\",\"expiresIn\":900,\"refreshToken\":\"rt-1\",\"refreshExpiresIn\":43200}");
        });
        director.createContext("/api/me", e -> reply(e, "Bearer at-1".equals(e.getRequestHeaders().getFirst("Authorization")) ? 200 : 401,
                "{\"id\":\"u1\",\"username\":\"carol\",\"externalId\":\"contrail|carol\"}"));
        director.start();
        SsoLogin.browser = uri -> {
            opened.add(uri);
            try {
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        SsoLogin.wait = Duration.ofSeconds(20);
    }

    @AfterEach
    void stopDirector() {
        director.stop(0);
    }

    @Test
    void theBrowserBringsTheCodeBackToALoopbackPortAndCpsKeepsTheSession() {
        assertThat(cps("login", "--url", url(), "--sso")).as(err.toString()).isZero();
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).toString()).startsWith(url() + "/api/auth/sso/contrail/login?redirect=http%3A%2F%2F127.0.0.1%3A");
        assertThat(exchanged).containsExactly("{\"code\":\"one-time-123\"}");
        assertThat(out.toString()).contains("open:", "logged in to " + url() + " as carol");
        CpsConfig saved = CpsConfig.load(dir.resolve("cps.conf"));
        assertThat(saved.get("token")).contains("at-1");
        assertThat(saved.get("refresh-token")).contains("rt-1");
        assertThat(saved.get("user")).contains("carol");
    }

    @Test
    void aProviderTheDirectorDoesNotOfferOrNoneAtAllIsSaid() {
        assertThat(cps("login", "--url", url(), "--sso", "elsewhere")).isEqualTo(1);
        assertThat(err.toString()).contains("no identity provider 'elsewhere'", "contrail");
        providers = "[]";
        assertThat(cps("login", "--url", url(), "--sso")).isEqualTo(1);
        assertThat(err.toString()).contains("offers no single sign-on");
        providers = "[{\"id\":\"a\",\"name\":\"A\"},{\"id\":\"b\",\"name\":\"B\"}]";
        assertThat(cps("login", "--url", url(), "--sso")).isEqualTo(1);
        assertThat(err.toString()).contains("choose one with --sso a|b");
        assertThat(opened).isEmpty();
    }

    private String url() {
        return "http://127.0.0.1:" + director.getAddress().getPort();
    }

    private int cps(String... args) {
        CommandLine cli = Cps.commandLine(CpsConfig.load(dir.resolve("cps.conf")));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static void reply(HttpExchange e, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        e.sendResponseHeaders(status, body.length);
        e.getResponseBody().write(body);
        e.close();
    }
}
