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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cps app show right after cps app create: vpn-service allocates the network moments after the
 * application exists, so show waits a little for it, and says it is being allocated rather than
 * failing when it is not there yet. The director is a local HTTP server answering as the gateway does.
 */
class AppShowTest {

    private static final String APP = "{\"id\":\"a1\",\"name\":\"shop\",\"createdAt\":\"2026-12-03T04:00:00Z\"}";
    private static final String NETWORK = "{\"network\":\"172.16.0.0/12\",\"servicesPerApplication\":256,\"agentsPerService\":4094}";
    private static final String NOT_YET = "{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":404,"
            + "\"detail\":\"no network for application a1 of yours (it is allocated moments after the application is created)\"}";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger networkAsks = new AtomicInteger();
    private volatile int missesBeforeNetwork;
    private HttpServer director;

    @BeforeEach
    void director() throws IOException {
        director = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        director.createContext("/api/apps", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/apps")) {
                answer(exchange, 200, "[" + APP + "]");
            } else if (path.equals("/api/apps/a1/network")) {
                boolean there = networkAsks.incrementAndGet() > missesBeforeNetwork;
                answer(exchange, there ? 200 : 404, there ? NETWORK : NOT_YET);
            } else {
                answer(exchange, 404, "{\"status\":404,\"detail\":\"no such thing\"}");
            }
        });
        director.start();
        CpsConfig config = CpsConfig.load(dir.resolve("cps.conf"));
        config.put("url", "http://127.0.0.1:" + director.getAddress().getPort());
        config.put("token", "t");
        config.save();
    }

    @AfterEach
    void stop() {
        director.stop(0);
    }

    @Test
    void waitsForANetworkStillBeingAllocated() {
        missesBeforeNetwork = 2;
        assertThat(cps("app", "show", "shop")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("shop").contains("172.16.0.0/12");
        assertThat(networkAsks).hasValue(3);
    }

    @Test
    void saysTheNetworkIsBeingAllocatedWhenItIsNotThereAfterAFewSeconds() {
        missesBeforeNetwork = Integer.MAX_VALUE;
        assertThat(cps("app", "show", "shop")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("shop").contains("network: being allocated").doesNotContain("172.16");
        assertThat(cps("app", "show", "shop", "-o", "json")).isZero();
        assertThat(out.toString()).contains("\"network\" : null");
    }

    @Test
    void anotherRefusalOfTheNetworkIsStillAFailure() {
        director.removeContext("/api/apps");
        director.createContext("/api/apps", exchange -> answer(exchange, exchange.getRequestURI().getPath().equals("/api/apps") ? 200 : 403,
                exchange.getRequestURI().getPath().equals("/api/apps") ? "[" + APP + "]" : "{\"status\":403,\"detail\":\"not yours\"}"));
        assertThat(cps("app", "show", "shop")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("cps: not yours\n");
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
