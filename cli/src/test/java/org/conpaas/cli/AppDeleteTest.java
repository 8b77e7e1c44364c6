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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cps app delete of an application whose service runs: the director accepts (202, DELETING), and
 * cps follows the service stopping and being removed until the application is gone; with
 * --no-cascade the director's refusal is printed. The director is a local HTTP server.
 */
class AppDeleteTest {

    private static final String APP = "{\"id\":\"a1\",\"name\":\"shop\",\"state\":\"ACTIVE\",\"createdAt\":\"2026-12-03T04:00:00Z\"}";
    private static final String DELETING = APP.replace("ACTIVE", "DELETING");
    private static final String NODE = "{\"id\":\"n%d\",\"state\":\"%s\"}";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger servicePolls = new AtomicInteger();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private HttpServer director;

    @BeforeEach
    void director() throws IOException {
        director = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        director.createContext("/api/apps", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            calls.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
            if (path.equals("/api/apps")) {
                answer(exchange, 200, "[" + APP + "]");
            } else if (exchange.getRequestMethod().equals("DELETE") && "cascade=false".equals(query)) {
                answer(exchange, 409, "{\"status\":409,\"detail\":\"the application's services 'workers' (RUNNING) still run; stop them first\"}");
            } else if (exchange.getRequestMethod().equals("DELETE")) {
                answer(exchange, 202, DELETING);
            } else if (path.equals("/api/apps/a1/services")) {
                int poll = servicePolls.incrementAndGet();
                answer(exchange, 200, poll <= 2 ? "[" + service("EPILOGUE", "RELEASING", "RELEASING") + "]"
                        : poll == 3 ? "[" + service("EPILOGUE", "TERMINATED", "RELEASING") + "]" : "[]");
            } else if (path.equals("/api/apps/a1")) {
                boolean gone = servicePolls.get() >= 4;
                answer(exchange, gone ? 404 : 200, gone ? "{\"status\":404,\"detail\":\"no application a1 of yours\"}" : DELETING);
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
    void followsTheServicesBeingStoppedAndRemovedUntilTheApplicationIsGone() {
        assertThat(cps("app", "delete", "shop")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("""
                deleting shop: stopping and removing its services first
                  workers: EPILOGUE, 2 node(s)
                  workers: EPILOGUE, 1 node(s)
                  workers: removed
                deleted shop
                """);
        assertThat(calls).contains("DELETE /api/apps/a1");
    }

    @Test
    void withoutCascadeTheRefusalNamesTheRunningServices() {
        assertThat(cps("app", "delete", "shop", "--no-cascade")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("cps: the application's services 'workers' (RUNNING) still run; stop them first\n");
        assertThat(calls).contains("DELETE /api/apps/a1?cascade=false").noneMatch(c -> c.startsWith("GET /api/apps/a1/services"));
    }

    @Test
    void noWaitReturnsOnceTheDeletionIsAccepted() {
        assertThat(cps("app", "delete", "shop", "--no-wait")).isZero();
        assertThat(out.toString()).isEqualTo("deleting shop: stopping and removing its services first\n");
        assertThat(servicePolls).hasValue(0);
    }

    private static String service(String state, String... nodes) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < nodes.length; i++) {
            list.append(i == 0 ? "" : ",").append(String.format(NODE, i, nodes[i]));
        }
        return "{\"id\":\"s1\",\"name\":\"workers\",\"state\":\"" + state + "\",\"removing\":true,\"nodes\":[" + list + "]}";
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
