package org.conpaas.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A local HTTP server answering cps as the gateway would, with canned JSON per method and path; records what was posted. */
final class FakeDirector implements AutoCloseable {

    final List<String> posted = new CopyOnWriteArrayList<>();
    private final Map<String, Supplier<String>> answers = new ConcurrentHashMap<>();
    private final HttpServer server;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final Path config;

    FakeDirector(Path dir) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        config = dir.resolve("cps.conf");
        CpsConfig c = CpsConfig.load(config);
        c.put("url", "http://127.0.0.1:" + server.getAddress().getPort());
        c.put("token", "t");
        c.save();
    }

    FakeDirector on(String method, String path, Supplier<String> json) {
        answers.put(method + " " + path, json);
        return this;
    }

    FakeDirector on(String method, String path, String json) {
        return on(method, path, () -> json);
    }

    int cps(String... args) {
        CommandLine cli = Cps.commandLine(CpsConfig.load(config));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    Path configFile() {
        return config;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!exchange.getRequestMethod().equals("GET")) {
            posted.add(key + " " + body);
        }
        Supplier<String> answer = answers.get(key);
        int status = answer == null ? 404 : 200;
        byte[] bytes = (answer == null ? "{\"status\":404,\"detail\":\"no " + key + "\"}" : answer.get()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
