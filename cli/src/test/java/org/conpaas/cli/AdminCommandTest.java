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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** cps admin rotate-signing-key against a local director answering as identity-service does. */
class AdminCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private HttpServer director;

    @BeforeEach
    void director() throws IOException {
        director = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        director.createContext("/api/auth/signing-keys/rotate", exchange -> {
            asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            if ("Bearer admin-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 200, "{\"signingKeyId\":\"k2\",\"publishedKeyIds\":[\"k2\",\"k1\"]}");
            } else {
                answer(exchange, 403, "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                        + "\"detail\":\"only administrators rotate the token-signing key\"}");
            }
        });
        director.start();
    }

    @AfterEach
    void stop() {
        director.stop(0);
    }

    @Test
    void rotatesAndSaysWhichKeySignsNow() {
        loggedInWith("admin-token");
        assertThat(cps("admin", "rotate-signing-key")).as(err.toString()).isZero();
        assertThat(asked).containsExactly("POST /api/auth/signing-keys/rotate Bearer admin-token");
        assertThat(out.toString()).isEqualTo("token-signing key rotated: k2 signs now; still published until their tokens expire: k1\n");
        assertThat(cps("admin", "rotate-signing-key", "-o", "json")).isZero();
        assertThat(out.toString()).contains("\"signingKeyId\" : \"k2\"");
    }

    @Test
    void aUserWhoIsNotAnAdministratorIsToldSo() {
        loggedInWith("user-token");
        assertThat(cps("admin", "rotate-signing-key")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("cps: only administrators rotate the token-signing key\n");
    }

    private void loggedInWith(String accessToken) {
        CpsConfig config = CpsConfig.load(dir.resolve("cps.conf"));
        config.put("url", "http://127.0.0.1:" + director.getAddress().getPort());
        config.put("token", accessToken);
        config.save();
    }

    private int cps(String... args) {
        CommandLine cli = Cps.commandLine(CpsConfig.load(dir.resolve("cps.conf")));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
